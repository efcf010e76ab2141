#include "core/train/federation.h"

#include <algorithm>
#include <stdexcept>

#include "core/compress/compressed_update.h"
#include "core/train/fedavg.h"

namespace cleave {

Federation::Federation(Weights global, int layer_count)
    : m_global(std::move(global)),
      m_layers(layer_count),
      m_cloud_samples(static_cast<size_t>(layer_count), 0.0) {}

Weights Federation::globalUpTo(int cut) const {
  Weights out;
  for (const auto& e : m_global) {
    if (e.layer < cut) out.push_back(e);
  }
  return out;
}

void Federation::rejoin(const std::string& device, int cut) {
  if (cut < 0 || cut >= m_layers) {
    throw std::invalid_argument("device '" + device + "': cut " + std::to_string(cut) +
                                " outside [0, " + std::to_string(m_layers - 1) + "]");
  }
  m_members[device] = Member{cut, 0, std::nullopt};
}

void Federation::leave(const std::string& device) {
  m_members.erase(device);
}

Federation::Member& Federation::member(const std::string& device) {
  auto it = m_members.find(device);
  if (it == m_members.end()) throw std::invalid_argument("'" + device + "' is not a member");
  return it->second;
}

void Federation::addSamples(const std::string& device, int64_t samples) {
  Member& m = member(device);
  m.samples += samples;
  for (int layer = m.cut; layer < m_layers; ++layer) {
    m_cloud_samples[static_cast<size_t>(layer)] += static_cast<double>(samples);
  }
}

void Federation::receive(const std::string& device, Weights replica) {
  member(device).upload = std::move(replica);
}

void Federation::receiveCompressed(const std::string& device, std::span<const uint8_t> update,
                                   const Weights& statistics) {
  Member& m = member(device);
  Weights rebuilt = globalUpTo(m.cut);
  std::vector<float> flat = flattenWeights(rebuilt, WeightSelection::Parameters);
  std::vector<float> delta(flat.size());
  decompressUpdate(update, delta);  // validates before anything changes
  for (size_t k = 0; k < flat.size(); ++k)
    flat[k] += delta[k];
  unflattenWeights(flat, rebuilt, WeightSelection::Parameters);
  for (auto& e : rebuilt) {
    if (!e.statistic) continue;
    const WeightEntry* sent = findWeight(statistics, e.name);
    if (sent && sent->value.shape == e.value.shape) e.value = sent->value;
  }
  m.upload = std::move(rebuilt);
}

Weights Federation::averageOf(const std::map<std::string, const Weights*>& replicas,
                              const Weights& cloud) const {
  std::vector<Replica> all;
  for (const auto& [device, weights] : replicas) {
    auto it = m_members.find(device);
    if (it == m_members.end() || !weights || it->second.cut == 0) continue;
    all.push_back({weights, std::vector<double>(static_cast<size_t>(it->second.cut),
                                                static_cast<double>(it->second.samples))});
  }
  all.push_back({&cloud, m_cloud_samples});
  return federatedAverage(all);
}

const Weights& Federation::average(const Weights& cloud) {
  std::map<std::string, const Weights*> uploads;
  for (const auto& [device, m] : m_members) {
    if (m.upload) uploads[device] = &*m.upload;
  }
  m_global = averageOf(uploads, cloud);
  for (auto& [device, m] : m_members)
    m = Member{m.cut, 0, std::nullopt};
  std::fill(m_cloud_samples.begin(), m_cloud_samples.end(), 0.0);
  return m_global;
}

Weights Federation::preview(const std::map<std::string, Weights>& replicas,
                            const Weights& cloud) const {
  std::map<std::string, const Weights*> pointers;
  for (const auto& [device, weights] : replicas)
    pointers[device] = &weights;
  return averageOf(pointers, cloud);
}

int Federation::cutOf(const std::string& device) const {
  auto it = m_members.find(device);
  return it == m_members.end() ? -1 : it->second.cut;
}

int64_t Federation::samplesOf(const std::string& device) const {
  auto it = m_members.find(device);
  return it == m_members.end() ? 0 : it->second.samples;
}

bool Federation::received(const std::string& device) const {
  auto it = m_members.find(device);
  return it != m_members.end() && it->second.upload.has_value();
}

}  // namespace cleave
