// cleave devices --keys DIR [list | approve KEY|NAME | reject KEY|NAME | revoke KEY|NAME |
//                            add NAME --key FILE] [--role device|operator] [--name NEW]
// Operates on the cloud's key directory; a running cloud sees approvals at the peer's next knock.
#include <cstdio>
#include <ctime>

#include "agents/cli/args.h"
#include "agents/cli/commands.h"
#include "core/format/text_format.h"
#include "core/net/key_store.h"
#include "core/net/keys.h"

namespace cleave::cli {

namespace {

std::string localTime(int64_t epoch_ms) {
  const std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

void printList(KeyStore& store) {
  std::vector<std::vector<std::string>> rows{{"status", "role", "name", "key", "address", "seen"}};
  for (const auto& p : store.approved()) {
    rows.push_back({"approved", std::string(peerRoleName(p.role)), p.name,
                    keyFingerprint(p.public_z85), "", ""});
  }
  for (const auto& p : store.pending()) {
    rows.push_back({"pending", "", p.name, keyFingerprint(p.public_z85), p.address,
                    localTime(p.last_seen_ms) + " (" + std::to_string(p.attempts) + "x)"});
  }
  std::fputs(renderTable(rows, {true, true, true, true, true, true}).c_str(), stdout);
  for (const auto& w : store.loadWarnings())
    std::printf("warning: %s\n", w.c_str());
}

}  // namespace

int runDevices(const std::vector<std::string>& argv) {
  Args args(argv, {});
  const auto keys = args.value("keys");
  const PeerRole role = parsePeerRole(args.value("role", "device"));
  const std::string new_name = args.value("name", "");
  const auto key_file = args.value("key");
  args.finish(0, 2);
  if (!keys) throw UsageError("--keys DIR (the cloud's key directory) is required");
  const auto& pos = args.positionals();
  const std::string action = pos.empty() ? "list" : pos[0];
  KeyStore store(*keys);
  if (action == "list") {
    printList(store);
    return 0;
  }
  if (pos.size() != 2) throw UsageError("'" + action + "' needs a key, fingerprint or name");
  const std::string& who = pos[1];
  if (action == "approve") {
    const ApprovedPeer p = store.approve(who, role, new_name);
    std::printf("approved %s '%s' (%s)\n", std::string(peerRoleName(p.role)).c_str(),
                p.name.c_str(), keyFingerprint(p.public_z85).c_str());
  } else if (action == "reject") {
    const PendingPeer p = store.reject(who);
    std::printf("rejected '%s' (%s)\n", p.name.c_str(), keyFingerprint(p.public_z85).c_str());
  } else if (action == "revoke") {
    const ApprovedPeer p = store.revoke(who);
    std::printf("revoked '%s' (%s)\n", p.name.c_str(), keyFingerprint(p.public_z85).c_str());
  } else if (action == "add") {
    if (!key_file) throw UsageError("add NAME needs --key FILE (the peer's public .key file)");
    const ApprovedPeer p = store.approveKey(who, readPublicKey(*key_file), role);
    std::printf("added %s '%s' (%s)\n", std::string(peerRoleName(p.role)).c_str(), p.name.c_str(),
                keyFingerprint(p.public_z85).c_str());
  } else {
    throw UsageError("unknown action '" + action + "': list, approve, reject, revoke or add");
  }
  store.flush();
  return 0;
}

}  // namespace cleave::cli
