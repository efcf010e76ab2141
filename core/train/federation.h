// The cloud's bookkeeping of layer-wise federated averaging, shared by `cleave simulate` and
// cleave-cloud: the global model, each member device's cut, the samples every replica trained
// each layer on since the last average, and the uploads received for the next one. A device's
// compression base is always the current global model up to its cut (the global model changes only
// at an average, after which every device resynchronises). Not thread-safe: one owner thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/train/weights.h"

namespace cleave {

class Federation {
 public:
  Federation(Weights global, int layer_count);

  const Weights& global() const { return m_global; }
  // Every entry of the global model a device with `cut` holds (layers < cut, exits hung there).
  Weights globalUpTo(int cut) const;

  // A device (re)starts from the global model at `cut`; its sample count restarts at zero.
  void rejoin(const std::string& device, int cut);
  void leave(const std::string& device);
  // The device trained its layers [0, cut) and the cloud trained [cut, n) on `samples` samples.
  void addSamples(const std::string& device, int64_t samples);

  // The device's replica for the next average, sent dense. Throws std::invalid_argument for an
  // unknown device.
  void receive(const std::string& device, Weights replica);
  // A compressed parameter update (core/compress compressed_update.h bytes) on top of
  // globalUpTo(cut), with the statistics sent dense. Throws CompressError on malformed bytes and
  // std::invalid_argument for an unknown device; nothing changes then.
  void receiveCompressed(const std::string& device, std::span<const uint8_t> update,
                         const Weights& statistics);

  // Layer-wise average of the received replicas and the cloud's own copy; it becomes the global
  // model. Sample counts and uploads are cleared: every device resynchronises to global().
  const Weights& average(const Weights& cloud);
  // What average() would produce from these replicas (by device) now, without changing anything.
  Weights preview(const std::map<std::string, Weights>& replicas, const Weights& cloud) const;

  int cutOf(const std::string& device) const;  // -1 when not a member
  int64_t samplesOf(const std::string& device) const;
  bool received(const std::string& device) const;

 private:
  struct Member {
    int cut = 0;
    int64_t samples = 0;
    std::optional<Weights> upload;
  };
  Member& member(const std::string& device);
  Weights averageOf(const std::map<std::string, const Weights*>& replicas,
                    const Weights& cloud) const;

  Weights m_global;
  int m_layers;
  std::map<std::string, Member> m_members;
  std::vector<double> m_cloud_samples;  // per layer: samples the cloud's copy trained it on
};

}  // namespace cleave
