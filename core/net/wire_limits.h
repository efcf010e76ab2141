// The protocol version and the caps every decode enforces. Plain values; thread-safe to share.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cleave::net {

// Bump on any schema change an older peer would misread; peers with another version are refused.
inline constexpr uint32_t kWireVersion = 1;

// Defaults fit the model zoo (VGG16's largest layer is 103 M values, MobileNetV2 has ~320
// tensors) with headroom; a transport should set ZMQ_MAXMSGSIZE to max_frame_bytes.
struct WireLimits {
  size_t max_frames = 1 + 4096;                 // envelope + tensors
  size_t max_envelope_bytes = size_t{8} << 20;  // frame 0
  size_t max_frame_bytes = size_t{512} << 20;   // any tensor frame
  size_t max_dims = 8;                          // per shape
  int64_t max_elements = int64_t{1} << 28;      // per tensor (1 GiB as fp32)
  size_t max_name_bytes = 256;                  // names, kinds, roles, keys, versions
  size_t max_text_bytes = size_t{4} << 20;      // model spec JSON, event data, error texts
  size_t max_list_items = 65536;                // labels, layer times, exits per message
};

}  // namespace cleave::net
