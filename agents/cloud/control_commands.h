// cleave-cloud's answers to the studio's control commands (net::Command on the CURVE "control"
// ROUTER): key approval, split, link, start/pause/stop, SYNC. The ZAP observer hands pending keys
// over from the ZAP thread (onZapDecision is thread-safe); everything else runs on the cloud's
// loop thread. SetInference is not handled here (cloud_server's inference side takes it).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "agents/cloud/event_log.h"
#include "core/coordinator/round_coordinator.h"
#include "core/net/key_store.h"
#include "core/net/message.h"
#include "core/net/zap.h"
#include "core/session/event.h"

namespace cleave::cloud {

class ControlCommands {
 public:
  using SendToAgent = std::function<void(const std::string& device, const net::Message&)>;

  ControlCommands(KeyStore& store, const EventLog& log, SendToAgent send);

  // ZAP thread: a new pending key becomes a device_status {"status": "pending"} event.
  void onZapDecision(const ZapDecision& decision);

  // Loop thread. Never throws: a bad command is an error reply naming what to fix.
  //  ApproveKey: `key` = pending name, fingerprint (>= 8 characters) or Z85 key; `device`, when
  //    set, is the name to admit it under (a cleave-agent must be approved under its --name).
  //  RejectKey: `key` as above.
  //  SetSplit: `device` (empty: fleet-wide), split_mode, cut (manual); from the next round.
  //  SetLink: `device` (empty: every connected one), link (up/down > 0) and/or slowdown (>= 1);
  //    forwarded to the agents, planned with from the next round.
  //  StartRounds: non-zero settings fields override (codec: fp32 is 0, so it keeps), unpauses;
  //    after StopRounds it also continues the session (with --stay).
  //  PauseRounds: the round in flight finishes, no new one starts.
  //  StopRounds: the round in flight closes now; stopRequested() until a StartRounds.
  //  Sync: data_json = EventLog::sync(since_us).
  net::CommandReply handle(const net::Command& command, RoundCoordinator& coordinator,
                           int64_t now_us);

  // Events this produced (and the ZAP thread's pending keys, stamped `now_us`), to record, log
  // and publish.
  std::vector<Event> takeEvents(int64_t now_us);
  bool stopRequested() const { return m_stop_requested; }

 private:
  net::CommandReply setLink(const net::Command& command, RoundCoordinator& coordinator,
                            int64_t now_us);
  void emit(int64_t now_us, const char* kind, const std::string& device, std::string data_json);

  KeyStore& m_store;
  const EventLog& m_log;
  SendToAgent m_send;
  std::mutex m_mutex;  // m_events: the ZAP thread appends too
  std::vector<Event> m_events;
  bool m_stop_requested = false;
};

}  // namespace cleave::cloud
