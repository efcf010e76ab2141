#include "core/net/keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace cleave {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kZ85Alphabet =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
constexpr std::size_t kMaxKeyFileBytes = 4096;  // a key file is one 40-character line

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

std::string errnoText() {
  return std::strerror(errno);
}

// Closes a file descriptor on every path out of a function.
class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

std::string octalMode(mode_t mode) {
  std::array<char, 8> buf{};
  std::snprintf(buf.data(), buf.size(), "%04o", static_cast<unsigned>(mode & 07777));
  return buf.data();
}

// The first line of an open key file without surrounding blanks; `what` names it in errors.
std::string readFirstLine(int fd, const fs::path& file) {
  std::string text;
  std::array<char, 512> buf{};
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0) throw KeyError("cannot read key file " + quoted(file) + ": " + errnoText());
    if (n == 0) break;
    text.append(buf.data(), static_cast<std::size_t>(n));
    if (text.size() > kMaxKeyFileBytes)
      throw KeyError("key file " + quoted(file) + " is larger than " +
                     std::to_string(kMaxKeyFileBytes) + " bytes; it is not a CURVE key file");
  }
  const auto end = text.find('\n');
  std::string line = text.substr(0, end);
  const auto first = line.find_first_not_of(" \t\r");
  const auto last = line.find_last_not_of(" \t\r");
  return first == std::string::npos ? std::string{} : line.substr(first, last - first + 1);
}

void writeAll(int fd, std::string_view text, const fs::path& file) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw KeyError("cannot write " + quoted(file) + ": " + errnoText());
    }
    done += static_cast<std::size_t>(n);
  }
}

// Writes `text` to a new temporary file next to `file` and returns its path.
fs::path writeTemporary(const fs::path& file, std::string_view text, unsigned mode) {
  static std::atomic<unsigned> counter{0};
  const fs::path tmp = file.string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                       std::to_string(counter.fetch_add(1));
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode)));
  if (fd.get() < 0) throw KeyError("cannot create " + quoted(tmp) + ": " + errnoText());
  const auto fail = [&tmp](const std::string& why) {
    ::unlink(tmp.c_str());
    return KeyError("cannot write " + quoted(tmp) + ": " + why);
  };
  // The umask may have removed bits; set them exactly, before any content exists.
  if (::fchmod(fd.get(), static_cast<mode_t>(mode)) != 0) throw fail(errnoText());
  try {
    writeAll(fd.get(), text, tmp);
  } catch (const KeyError&) {
    ::unlink(tmp.c_str());
    throw;
  }
  if (::fsync(fd.get()) != 0) throw fail(errnoText());
  return tmp;
}

void syncDirectory(const fs::path& dir) {
  Fd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) ::fsync(fd.get());  // best effort: durability of the rename itself
}

void createDirectories(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw KeyError("cannot create directory " + quoted(dir) + ": " + ec.message());
}

// Places the temporary file at `file`; without `replace`, an existing file is an error.
void publish(const fs::path& tmp, const fs::path& file, bool replace) {
  const int rc = replace ? ::rename(tmp.c_str(), file.c_str()) : ::link(tmp.c_str(), file.c_str());
  const int err = errno;
  if (!replace || rc != 0) ::unlink(tmp.c_str());
  if (rc != 0) {
    if (err == EEXIST)
      throw KeyError(quoted(file) + " already exists; remove it first or choose another name");
    throw KeyError("cannot write " + quoted(file) + ": " + std::strerror(err));
  }
  syncDirectory(file.parent_path());
}

void writeKeyFile(const fs::path& file, std::string_view text, unsigned mode, bool replace) {
  publish(writeTemporary(file, text, mode), file, replace);
}

}  // namespace

CurveKeyPair generateCurveKeyPair() {
  std::array<char, kCurveKeyZ85Length + 1> pub{};
  std::array<char, kCurveKeyZ85Length + 1> sec{};
  if (zmq_curve_keypair(pub.data(), sec.data()) != 0)
    throw KeyError(std::string("cannot generate a CURVE key pair: ") + zmq_strerror(zmq_errno()) +
                   " (is libzmq built with CURVE support?)");
  CurveKeyPair pair{pub.data(), sec.data()};
  sec.fill('\0');
  return pair;
}

std::string curvePublicFromSecret(const std::string& secret_z85) {
  if (!isCurveKeyZ85(secret_z85)) throw KeyError("a CURVE secret key must be 40 Z85 characters");
  std::array<char, kCurveKeyZ85Length + 1> pub{};
  if (zmq_curve_public(pub.data(), secret_z85.c_str()) != 0)
    throw KeyError(std::string("cannot derive the public key: ") + zmq_strerror(zmq_errno()));
  return pub.data();
}

bool isCurveKeyZ85(std::string_view text) {
  if (text.size() != kCurveKeyZ85Length) return false;
  for (const char c : text)
    if (kZ85Alphabet.find(c) == std::string_view::npos) return false;
  const std::string copy(text);
  std::array<uint8_t, 32> bytes{};
  return zmq_z85_decode(bytes.data(), copy.c_str()) != nullptr;
}

std::string keyFingerprint(std::string_view public_z85) {
  return std::string(public_z85.substr(0, 8)) + "\u2026";
}

bool isValidKeyName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.') return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

void requireValidKeyName(std::string_view name) {
  if (!isValidKeyName(name))
    throw KeyError("key name '" + std::string(name) +
                   "' is not usable: use 1-64 of A-Z a-z 0-9 . _ - and do not start with '.'");
}

KeyFilePaths keyFilePaths(const fs::path& dir, std::string_view name) {
  requireValidKeyName(name);
  const std::string base(name);
  return {dir / (base + ".key"), dir / (base + ".key_secret")};
}

KeyFilePaths writeKeyPair(const fs::path& dir, std::string_view name, const CurveKeyPair& keys,
                          bool overwrite) {
  const KeyFilePaths paths = keyFilePaths(dir, name);
  if (!isCurveKeyZ85(keys.public_z85) || !isCurveKeyZ85(keys.secret_z85))
    throw KeyError("refusing to write a malformed key pair for '" + std::string(name) + "'");
  if (curvePublicFromSecret(keys.secret_z85) != keys.public_z85)
    throw KeyError("refusing to write key pair '" + std::string(name) +
                   "': the public key is not the secret key's public half");
  createDirectories(dir);
  if (!overwrite) {
    for (const fs::path& p : {paths.public_file, paths.secret_file})
      if (fs::exists(p))
        throw KeyError(quoted(p) + " already exists; remove it first or choose another name");
  }
  // Secret first: a public file without its secret is useless, the reverse is recoverable.
  writeKeyFile(paths.secret_file, keys.secret_z85 + "\n", 0600, overwrite);
  writeKeyFile(paths.public_file, keys.public_z85 + "\n", 0644, overwrite);
  return paths;
}

fs::path writePublicKey(const fs::path& dir, std::string_view name, const std::string& public_z85,
                        bool overwrite) {
  const KeyFilePaths paths = keyFilePaths(dir, name);
  if (!isCurveKeyZ85(public_z85))
    throw KeyError("refusing to write a malformed public key for '" + std::string(name) + "'");
  createDirectories(dir);
  writeKeyFile(paths.public_file, public_z85 + "\n", 0644, overwrite);
  return paths.public_file;
}

std::string readPublicKey(const fs::path& file) {
  Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0)
    throw KeyError("cannot open public key file " + quoted(file) + ": " + errnoText());
  std::string key = readFirstLine(fd.get(), file);
  if (!isCurveKeyZ85(key))
    throw KeyError("public key file " + quoted(file) +
                   ": first line is not a CURVE key (40 Z85 characters); "
                   "create one with `cleave keygen`");
  return key;
}

std::string readSecretKey(const fs::path& file) {
  Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0)
    throw KeyError("cannot open secret key file " + quoted(file) + ": " + errnoText());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    throw KeyError("cannot inspect secret key file " + quoted(file) + ": " + errnoText());
  if (!S_ISREG(st.st_mode))
    throw KeyError("secret key file " + quoted(file) + " is not a regular file");
  // Checked on the open descriptor, so the file cannot be swapped between check and read.
  if ((st.st_mode & 077) != 0)
    throw KeyError("permissions " + octalMode(st.st_mode) + " for secret key file " + quoted(file) +
                   " are too open: it must be readable only by its owner; run: chmod 600 " +
                   quoted(file));
  std::string key = readFirstLine(fd.get(), file);
  if (!isCurveKeyZ85(key))
    throw KeyError("secret key file " + quoted(file) +
                   ": first line is not a CURVE key (40 Z85 characters)");
  return key;
}

CurveKeyPair readKeyPair(const fs::path& dir, std::string_view name) {
  const KeyFilePaths paths = keyFilePaths(dir, name);
  CurveKeyPair pair;
  pair.secret_z85 = readSecretKey(paths.secret_file);
  pair.public_z85 = curvePublicFromSecret(pair.secret_z85);
  if (fs::exists(paths.public_file) && readPublicKey(paths.public_file) != pair.public_z85)
    throw KeyError("public key file " + quoted(paths.public_file) + " does not belong to " +
                   quoted(paths.secret_file) + "; regenerate the pair with `cleave keygen`");
  return pair;
}

void writeFileAtomically(const fs::path& file, std::string_view text, unsigned mode) {
  writeKeyFile(file, text, mode, true);
}

}  // namespace cleave
