#include "core/net/key_store.h"

#include <zmq.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

namespace cleave {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kPendingVersion = 1;
constexpr std::string_view kEllipsis = "\u2026";

int64_t systemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string utcStamp(int64_t ms) {
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::array<char, 32> buf{};
  std::strftime(buf.data(), buf.size(), "%Y%m%dT%H%M%SZ", &tm);
  return buf.data();
}

// A stable file-safe stand-in name for a key whose peer gave no usable name.
std::string unnamedFor(const std::string& public_z85) {
  std::array<uint8_t, 32> bytes{};
  zmq_z85_decode(bytes.data(), public_z85.c_str());
  std::array<char, 9> hex{};
  std::snprintf(hex.data(), hex.size(), "%02x%02x%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3]);
  return std::string("unnamed-") + hex.data();
}

fs::file_time_type mtimeOf(const fs::path& dir) {
  std::error_code ec;
  const auto t = fs::last_write_time(dir, ec);
  return ec ? fs::file_time_type{} : t;
}

// Strips a trailing "…" so a fingerprint copied from a listing can be pasted back.
std::string withoutEllipsis(std::string text) {
  if (text.size() >= kEllipsis.size() &&
      text.compare(text.size() - kEllipsis.size(), kEllipsis.size(), kEllipsis) == 0)
    text.resize(text.size() - kEllipsis.size());
  return text;
}

// Keys of `entries` matched by full key, then name, then fingerprint prefix (>= 8 characters).
template <typename Map, typename NameOf>
std::vector<std::string> matchKeys(const Map& entries, const std::string& key_or_name,
                                   NameOf name_of) {
  if (entries.count(key_or_name)) return {key_or_name};
  std::vector<std::string> out;
  for (const auto& [key, entry] : entries)
    if (name_of(entry) == key_or_name) out.push_back(key);
  if (!out.empty()) return out;
  const std::string prefix = withoutEllipsis(key_or_name);
  if (prefix.size() >= 8)
    for (const auto& [key, entry] : entries)
      if (key.compare(0, prefix.size(), prefix) == 0) out.push_back(key);
  return out;
}

std::string requireSingle(const std::vector<std::string>& keys, const std::string& key_or_name,
                          std::string_view what) {
  if (keys.empty())
    throw KeyError("no " + std::string(what) + " matches '" + key_or_name +
                   "' (give a name, a public key or its first 8 or more characters)");
  if (keys.size() > 1)
    throw KeyError("'" + key_or_name + "' matches " + std::to_string(keys.size()) + " " +
                   std::string(what) + " entries; give the full public key");
  return keys.front();
}

PendingPeer pendingFromJson(const json& j, std::size_t index) {
  const std::string where = "pending[" + std::to_string(index) + "]";
  if (!j.is_object()) throw KeyError(where + ": not an object");
  auto field = [&](const char* key) -> const json& {
    if (!j.contains(key)) throw KeyError(where + ": missing '" + key + "'");
    return j.at(key);
  };
  PendingPeer p;
  try {
    p.name = field("name").get<std::string>();
    p.public_z85 = field("public_key").get<std::string>();
    p.address = field("address").get<std::string>();
    p.first_seen_ms = field("first_seen_ms").get<int64_t>();
    p.last_seen_ms = field("last_seen_ms").get<int64_t>();
    p.attempts = field("attempts").get<int64_t>();
  } catch (const json::exception& e) {
    throw KeyError(where + ": " + e.what());
  }
  if (!isCurveKeyZ85(p.public_z85)) throw KeyError(where + ": 'public_key' is not a CURVE key");
  if (!isValidKeyName(p.name)) throw KeyError(where + ": 'name' is not a usable key name");
  return p;
}

}  // namespace

std::string_view peerRoleName(PeerRole role) {
  return role == PeerRole::Operator ? "operator" : "device";
}

PeerRole parsePeerRole(std::string_view text) {
  if (text == "device") return PeerRole::Device;
  if (text == "operator") return PeerRole::Operator;
  throw KeyError("unknown role '" + std::string(text) + "': use device or operator");
}

KeyStore::KeyStore(fs::path dir, NowMs now_ms)
    : m_dir(std::move(dir)), m_now_ms(now_ms ? std::move(now_ms) : NowMs(systemNowMs)) {
  for (const PeerRole role : {PeerRole::Device, PeerRole::Operator}) {
    std::error_code ec;
    fs::create_directories(approvedDir(role), ec);
    if (ec)
      throw KeyError("cannot create key directory '" + approvedDir(role).string() +
                     "': " + ec.message());
  }
  std::unique_lock lock(m_mutex);
  reloadApprovedLocked();
  loadPendingLocked();
}

KeyStore::~KeyStore() {
  try {
    flush();
  } catch (...) {  // a destructor must not throw; the next knock rewrites the file anyway
  }
}

fs::path KeyStore::approvedDir(PeerRole role) const {
  return m_dir / "approved" / (role == PeerRole::Operator ? "operators" : "devices");
}

CurveKeyPair KeyStore::serverKeys() {
  std::unique_lock lock(m_mutex);
  if (fs::exists(keyFilePaths(m_dir, "cloud").secret_file)) return readKeyPair(m_dir, "cloud");
  CurveKeyPair pair = generateCurveKeyPair();
  writeKeyPair(m_dir, "cloud", pair);
  return pair;
}

void KeyStore::addWarningLocked(std::string text) {
  // The approved folders are re-read on changes: report a bad file once, not on every re-read.
  if (std::find(m_warnings.begin(), m_warnings.end(), text) == m_warnings.end())
    m_warnings.push_back(std::move(text));
}

void KeyStore::reloadApprovedLocked() {
  m_approved.clear();
  for (const PeerRole role : {PeerRole::Device, PeerRole::Operator}) {
    const fs::path dir = approvedDir(role);
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".key") files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // deterministic winner if a key appears twice
    for (const fs::path& file : files) {
      const std::string name = file.stem().string();
      try {
        requireValidKeyName(name);
        const std::string key = readPublicKey(file);
        if (const auto it = m_approved.find(key); it != m_approved.end()) {
          addWarningLocked(file.string() + ": same key as " +
                           std::string(peerRoleName(it->second.role)) + " '" + it->second.name +
                           "'; ignored");
          continue;
        }
        m_approved[key] = ApprovedPeer{role, name, key};
      } catch (const KeyError& e) {
        addWarningLocked(std::string(e.what()) + "; skipped");
      }
    }
  }
  m_devices_mtime = mtimeOf(approvedDir(PeerRole::Device));
  m_operators_mtime = mtimeOf(approvedDir(PeerRole::Operator));
  for (const auto& [key, peer] : m_approved)
    m_pending.erase(key);
}

bool KeyStore::approvedDirsChangedLocked() const {
  return mtimeOf(approvedDir(PeerRole::Device)) != m_devices_mtime ||
         mtimeOf(approvedDir(PeerRole::Operator)) != m_operators_mtime;
}

void KeyStore::loadPendingLocked() {
  const fs::path file = m_dir / "pending.json";
  if (!fs::exists(file)) return;
  try {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) throw KeyError("cannot read the file");
    json doc;
    try {
      doc = json::parse(text.str());
    } catch (const json::parse_error& e) {
      throw KeyError(std::string("not valid JSON: ") + e.what());
    }
    if (!doc.is_object() || !doc.contains("version") || !doc.contains("pending") ||
        !doc["pending"].is_array())
      throw KeyError("expected {\"version\": 1, \"pending\": [...]}");
    if (doc["version"] != kPendingVersion)
      throw KeyError("unsupported version " + doc["version"].dump() + " (this build reads " +
                     std::to_string(kPendingVersion) + ")");
    std::map<std::string, PendingPeer> loaded;
    for (std::size_t i = 0; i < doc["pending"].size(); ++i) {
      PendingPeer p = pendingFromJson(doc["pending"][i], i);
      loaded[p.public_z85] = std::move(p);
    }
    for (auto& [key, peer] : loaded)
      if (!m_approved.count(key)) m_pending[key] = std::move(peer);
  } catch (const KeyError& e) {
    const fs::path aside = file.string() + ".corrupt-" + utcStamp(m_now_ms());
    std::error_code ec;
    fs::rename(file, aside, ec);
    addWarningLocked(file.string() + ": " + e.what() +
                     (ec ? "; could not move it aside (" + ec.message() + ")"
                         : "; moved aside to " + aside.string()) +
                     "; pending devices will be listed again when they next knock");
    m_pending.clear();
  }
}

void KeyStore::savePendingLocked() {
  json list = json::array();
  std::vector<const PendingPeer*> order;
  for (const auto& [key, peer] : m_pending)
    order.push_back(&peer);
  std::sort(order.begin(), order.end(), [](const PendingPeer* a, const PendingPeer* b) {
    return a->first_seen_ms != b->first_seen_ms ? a->first_seen_ms < b->first_seen_ms
                                                : a->public_z85 < b->public_z85;
  });
  for (const PendingPeer* p : order)
    list.push_back({{"name", p->name},
                    {"public_key", p->public_z85},
                    {"address", p->address},
                    {"first_seen_ms", p->first_seen_ms},
                    {"last_seen_ms", p->last_seen_ms},
                    {"attempts", p->attempts}});
  const json doc = {{"version", kPendingVersion}, {"pending", list}};
  writeFileAtomically(m_dir / "pending.json", doc.dump(2) + "\n", 0644);
  m_last_save_ms = m_now_ms();
  m_dirty = false;
}

std::optional<ApprovedPeer> KeyStore::isApproved(const std::string& public_z85) {
  {
    std::shared_lock lock(m_mutex);
    if (const auto it = m_approved.find(public_z85); it != m_approved.end()) return it->second;
    if (!approvedDirsChangedLocked()) return std::nullopt;
  }
  std::unique_lock lock(m_mutex);
  if (approvedDirsChangedLocked()) reloadApprovedLocked();
  if (const auto it = m_approved.find(public_z85); it != m_approved.end()) return it->second;
  return std::nullopt;
}

bool KeyStore::recordPending(const std::string& name, const std::string& public_z85,
                             const std::string& address) {
  if (!isCurveKeyZ85(public_z85)) throw KeyError("recordPending: not a CURVE public key");
  std::unique_lock lock(m_mutex);
  if (m_approved.count(public_z85) || m_rejected.count(public_z85)) return false;
  const int64_t now = m_now_ms();
  if (const auto it = m_pending.find(public_z85); it != m_pending.end()) {
    it->second.last_seen_ms = now;
    it->second.address = address;
    ++it->second.attempts;
    m_dirty = true;
    // A refused client retries every few hundred ms: do not rewrite the file for each knock.
    if (now - m_last_save_ms >= kPendingFlushMs) savePendingLocked();
    return false;
  }
  if (m_pending.size() >= kMaxPending) {
    const auto stalest = std::min_element(m_pending.begin(), m_pending.end(), [](auto& a, auto& b) {
      return a.second.last_seen_ms < b.second.last_seen_ms;
    });
    m_pending.erase(stalest);
  }
  m_pending[public_z85] = PendingPeer{
      isValidKeyName(name) ? name : unnamedFor(public_z85), public_z85, address, now, now, 1};
  savePendingLocked();
  return true;
}

ApprovedPeer KeyStore::admitLocked(const std::string& name, const std::string& public_z85,
                                   PeerRole role) {
  requireValidKeyName(name);
  if (!isCurveKeyZ85(public_z85)) throw KeyError("'" + name + "': not a CURVE public key");
  if (approvedDirsChangedLocked()) reloadApprovedLocked();
  if (const auto it = m_approved.find(public_z85); it != m_approved.end()) {
    if (it->second.role == role && it->second.name == name) return it->second;
    throw KeyError("key " + keyFingerprint(public_z85) + " is already approved as " +
                   std::string(peerRoleName(it->second.role)) + " '" + it->second.name +
                   "'; revoke it first");
  }
  for (const auto& [key, peer] : m_approved)
    if (peer.role == role && peer.name == name)
      throw KeyError(std::string(peerRoleName(role)) + " name '" + name +
                     "' is already approved with another key (" + keyFingerprint(key) +
                     "); choose another name or revoke it first");
  writePublicKey(approvedDir(role), name, public_z85);
  ApprovedPeer peer{role, name, public_z85};
  m_approved[public_z85] = peer;
  m_rejected.erase(public_z85);
  if (m_pending.erase(public_z85)) savePendingLocked();
  m_devices_mtime = mtimeOf(approvedDir(PeerRole::Device));
  m_operators_mtime = mtimeOf(approvedDir(PeerRole::Operator));
  return peer;
}

ApprovedPeer KeyStore::approve(const std::string& key_or_name, PeerRole role,
                               const std::string& new_name) {
  std::unique_lock lock(m_mutex);
  const std::string key =
      requireSingle(matchKeys(m_pending, key_or_name, [](const PendingPeer& p) { return p.name; }),
                    key_or_name, "pending device");
  return admitLocked(new_name.empty() ? m_pending.at(key).name : new_name, key, role);
}

ApprovedPeer KeyStore::approveKey(const std::string& name, const std::string& public_z85,
                                  PeerRole role) {
  std::unique_lock lock(m_mutex);
  return admitLocked(name, public_z85, role);
}

PendingPeer KeyStore::reject(const std::string& key_or_name) {
  std::unique_lock lock(m_mutex);
  const std::string key =
      requireSingle(matchKeys(m_pending, key_or_name, [](const PendingPeer& p) { return p.name; }),
                    key_or_name, "pending device");
  PendingPeer peer = m_pending.at(key);
  m_pending.erase(key);
  m_rejected.insert(key);
  savePendingLocked();
  return peer;
}

ApprovedPeer KeyStore::revoke(const std::string& key_or_name) {
  std::unique_lock lock(m_mutex);
  if (approvedDirsChangedLocked()) reloadApprovedLocked();
  const std::string key = requireSingle(
      matchKeys(m_approved, key_or_name, [](const ApprovedPeer& p) { return p.name; }), key_or_name,
      "approved key");
  ApprovedPeer peer = m_approved.at(key);
  std::error_code ec;
  fs::remove(keyFilePaths(approvedDir(peer.role), peer.name).public_file, ec);
  if (ec) throw KeyError("cannot remove the key file of '" + peer.name + "': " + ec.message());
  m_approved.erase(key);
  m_devices_mtime = mtimeOf(approvedDir(PeerRole::Device));
  m_operators_mtime = mtimeOf(approvedDir(PeerRole::Operator));
  return peer;
}

std::vector<PendingPeer> KeyStore::pending() const {
  std::shared_lock lock(m_mutex);
  std::vector<PendingPeer> out;
  for (const auto& [key, peer] : m_pending)
    out.push_back(peer);
  std::sort(out.begin(), out.end(), [](const PendingPeer& a, const PendingPeer& b) {
    return a.first_seen_ms != b.first_seen_ms ? a.first_seen_ms < b.first_seen_ms
                                              : a.public_z85 < b.public_z85;
  });
  return out;
}

std::vector<ApprovedPeer> KeyStore::approved() const {
  std::shared_lock lock(m_mutex);
  std::vector<ApprovedPeer> out;
  for (const auto& [key, peer] : m_approved)
    out.push_back(peer);
  std::sort(out.begin(), out.end(), [](const ApprovedPeer& a, const ApprovedPeer& b) {
    return a.role != b.role ? a.role < b.role : a.name < b.name;
  });
  return out;
}

std::vector<std::string> KeyStore::loadWarnings() const {
  std::shared_lock lock(m_mutex);
  return m_warnings;
}

void KeyStore::flush() {
  std::unique_lock lock(m_mutex);
  if (m_dirty) savePendingLocked();
}

}  // namespace cleave
