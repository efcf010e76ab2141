#include "core/plan/device_profile.h"

#include <cmath>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string_view>

#include "core/plan/link_spec.h"

namespace cleave {
namespace {

using nlohmann::json;

constexpr double kBytesPerMiB = 1024.0 * 1024.0;

// Reads the fields of one JSON object; every error names where the object sits in the file.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string where)
      : m_object(object), m_where(std::move(where)) {
    if (!m_object.is_object())
      fail("", "must be an object, got " + std::string(m_object.type_name()));
  }

  [[noreturn]] void fail(std::string_view key, const std::string& why) const {
    throw FleetError(m_where + (key.empty() ? "" : ": " + std::string(key)) + ": " + why);
  }

  void allowOnly(std::initializer_list<std::string_view> keys) const {
    for (const auto& [key, value] : m_object.items()) {
      bool known = false;
      for (std::string_view allowed : keys)
        known = known || key == allowed;
      if (known) continue;
      std::string list;
      for (std::string_view allowed : keys)
        list += (list.empty() ? "" : ", ") + std::string(allowed);
      fail(key, "unknown field (expected one of: " + list + ")");
    }
  }

  bool has(std::string_view key) const { return m_object.contains(key); }
  const json& at(std::string_view key) const { return m_object.at(key); }

  double number(std::string_view key, double min, bool min_inclusive) const {
    if (!has(key)) fail(key, "is required");
    const json& value = at(key);
    if (!value.is_number()) fail(key, "must be a number, got " + dump(value));
    const double x = value.get<double>();
    if (!std::isfinite(x) || x < min || (!min_inclusive && x == min)) {
      fail(key, std::string("must be ") + (min_inclusive ? ">= " : "> ") + plain(min) + ", got " +
                    dump(value));
    }
    return x;
  }
  double numberOr(std::string_view key, double fallback, double min, bool min_inclusive) const {
    return has(key) ? number(key, min, min_inclusive) : fallback;
  }

  std::string text(std::string_view key, bool required) const {
    if (!has(key)) {
      if (required) fail(key, "is required");
      return {};
    }
    if (!at(key).is_string()) fail(key, "must be a string, got " + dump(at(key)));
    return at(key).get<std::string>();
  }

  // Throughput given either as "flops_per_s" or as "gflops"; exactly one of them.
  double flopsPerSecond() const {
    if (has("flops_per_s") && has("gflops")) fail("gflops", "give flops_per_s or gflops, not both");
    if (has("gflops")) return number("gflops", 0, false) * 1e9;
    if (has("flops_per_s")) return number("flops_per_s", 0, false);
    fail("flops_per_s", "is required (or gflops)");
  }

  const std::string& where() const { return m_where; }

 private:
  static std::string dump(const json& value) { return value.dump(); }
  static std::string plain(double value) {
    std::ostringstream out;
    out << value;  // "0", not JSON's "0.0"
    return out.str();
  }

  const json& m_object;
  std::string m_where;
};

LinkProfile readLink(const json& value, const std::string& where) {
  if (value.is_string()) {
    try {
      return parseLinkSpec(value.get<std::string>());
    } catch (const LinkSpecError& error) {
      throw FleetError(where + ": " + error.what());
    }
  }
  ObjectReader link(value, where);
  link.allowOnly({"up_mbps", "down_mbps", "latency_ms", "jitter_ms", "loss", "note"});
  LinkProfile out;
  out.up_mbps = link.number("up_mbps", 0, false);
  out.down_mbps = link.number("down_mbps", 0, false);
  out.latency_ms = link.number("latency_ms", 0, true);
  out.jitter_ms = link.numberOr("jitter_ms", 0, 0, true);
  out.loss = link.numberOr("loss", 0, 0, true);
  if (out.loss >= 1) link.fail("loss", "is a fraction and must be < 1 (0.001 = 0.1%)");
  return out;
}

DeviceProfile readDevice(const json& value, const std::string& origin, size_t index) {
  std::string where = origin + ": devices[" + std::to_string(index) + "]";
  if (value.is_object() && value.contains("name") && value["name"].is_string()) {
    where += " '" + value["name"].get<std::string>() + "'";
  }
  ObjectReader device(value, where);
  device.allowOnly({"name", "role", "flops_per_s", "gflops", "memory_mb", "link", "layer_ms",
                    "profile_batch", "note"});
  DeviceProfile out;
  out.name = device.text("name", true);
  if (out.name.empty()) device.fail("name", "must not be empty");
  out.role = device.text("role", false);
  out.flops_per_s = device.flopsPerSecond();
  out.memory_bytes = static_cast<int64_t>(device.number("memory_mb", 0, false) * kBytesPerMiB);
  if (!device.has("link")) device.fail("link", "is required");
  out.link = readLink(device.at("link"), where + ": link");
  if (device.has("layer_ms")) {
    const json& times = device.at("layer_ms");
    if (!times.is_array()) device.fail("layer_ms", "must be an array of milliseconds");
    for (size_t i = 0; i < times.size(); ++i) {
      if (!times[i].is_number() || times[i].get<double>() < 0) {
        device.fail("layer_ms[" + std::to_string(i) + "]",
                    "must be a number >= 0, got " + times[i].dump());
      }
      out.layer_ms.push_back(times[i].get<double>());
    }
    out.profile_batch = static_cast<int>(device.number("profile_batch", 1, true));
  } else if (device.has("profile_batch")) {
    device.fail("profile_batch", "only meaningful together with layer_ms");
  }
  return out;
}

}  // namespace

Fleet parseFleet(const std::string& json_text, const std::string& origin) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::parse_error& error) {
    throw FleetError(origin + ": not valid JSON: " + error.what());
  }
  ObjectReader top(root, origin);
  top.allowOnly({"cloud", "devices", "note", "name"});
  if (!top.has("cloud")) top.fail("cloud", "is required");
  ObjectReader cloud(top.at("cloud"), origin + ": cloud");
  cloud.allowOnly({"flops_per_s", "gflops", "load", "note"});
  Fleet fleet;
  fleet.cloud.flops_per_s = cloud.flopsPerSecond();
  fleet.cloud.load = cloud.numberOr("load", 1.0, 0, false);

  if (!top.has("devices") || !top.at("devices").is_array()) top.fail("devices", "must be an array");
  std::set<std::string> names;
  const json& devices = top.at("devices");
  for (size_t i = 0; i < devices.size(); ++i) {
    DeviceProfile device = readDevice(devices[i], origin, i);
    if (!names.insert(device.name).second) {
      throw FleetError(origin + ": devices[" + std::to_string(i) + "] '" + device.name +
                       "': name: duplicate device name");
    }
    fleet.devices.push_back(std::move(device));
  }
  return fleet;
}

Fleet loadFleet(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw FleetError(path.string() + ": cannot open fleet file");
  std::ostringstream text;
  text << in.rdbuf();
  return parseFleet(text.str(), path.string());
}

}  // namespace cleave
