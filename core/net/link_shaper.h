// Link emulation: when a message handed to an emulated link at time t is delivered, given the
// link's bandwidth, latency, jitter and loss (LinkProfile); plus CPU slowdown for a weaker device.
// Thread-safe: the I/O thread schedules while a command handler may change the profile.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <random>

#include "core/plan/device_profile.h"

namespace cleave {

enum class LinkDirection { Up, Down };  // Up: edge -> cloud (up_mbps); Down: cloud -> edge

// Model, per direction, for a message of N bytes handed over at `sent`:
//   start     = max(sent, when the previous message finished serialising)   (FIFO queue)
//   on wire   = start + N * 8 / rate                    (rate <= 0 means unlimited)
//   arrival   = on wire + latency + |Normal(0, jitter)| (half-normal: mean 0.80 x jitter)
//             + k x 2 x latency   where k ~ Geometric(loss), each loss costs one round trip for
//                                 the retransmission (at most kMaxRetransmissions)
//   delivered = max(arrival, previous delivery)          (ZeroMQ over TCP delivers in order)
class LinkShaper {
 public:
  using Clock = std::chrono::steady_clock;
  using Duration = std::chrono::nanoseconds;
  using TimePoint = std::chrono::time_point<Clock, Duration>;
  using NowFn = std::function<TimePoint()>;

  static constexpr int kMaxRetransmissions = 8;

  struct Delivery {
    TimePoint delivered;
    Duration queued{0};      // waiting behind earlier messages
    Duration serialise{0};   // bytes / bandwidth
    Duration latency{0};     // one-way latency + jitter sample
    Duration retransmit{0};  // lost attempts x round trip
    Duration reordered{0};   // held back behind an earlier, slower message
    int retransmissions = 0;
    Duration total() const { return queued + serialise + latency + retransmit + reordered; }
  };

  // `now` defaults to the steady clock; tests inject their own.
  LinkShaper(const LinkProfile& profile, uint64_t seed, NowFn now = {});

  void setProfile(const LinkProfile& profile);  // applies to messages scheduled afterwards
  LinkProfile profile() const;

  Delivery schedule(LinkDirection direction, std::size_t bytes, TimePoint sent);
  Delivery schedule(LinkDirection direction, std::size_t bytes);  // sent = now()
  TimePoint now() const { return m_now(); }

 private:
  struct Lane {
    TimePoint free_at{};  // the wire is busy until then
    TimePoint last_delivery{};
  };

  NowFn m_now;
  mutable std::mutex m_mutex;
  LinkProfile m_profile;
  std::mt19937_64 m_rng;
  Lane m_up;
  Lane m_down;
};

// Emulates a CPU `factor` times slower: after work that took `elapsed`, the caller waits the
// extra (factor - 1) x elapsed. Factor <= 1 means no slowdown. Thread-safe setter.
class CpuSlowdown {
 public:
  explicit CpuSlowdown(double factor = 1.0) { setFactor(factor); }
  void setFactor(double factor);  // throws std::invalid_argument unless finite and > 0
  double factor() const { return m_factor.load(); }
  std::chrono::nanoseconds extra(std::chrono::nanoseconds elapsed) const;
  // Sleeps extra(elapsed) and returns it.
  std::chrono::nanoseconds pad(std::chrono::nanoseconds elapsed) const;

 private:
  std::atomic<double> m_factor{1.0};
};

}  // namespace cleave
