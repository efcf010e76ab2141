// CURVE key pairs and their files: <name>.key (public, Z85, one line) and <name>.key_secret
// (secret, mode 0600, refused like ssh does when group/others can read it). Free functions,
// callable from any thread; they never put a secret key into a message or an exception.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cleave {

// A key file that cannot be used: what() names the file and what to do about it, never the key.
class KeyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CurveKeyPair {
  std::string public_z85;  // 40 Z85 characters (32 bytes)
  std::string secret_z85;  // 40 Z85 characters; never logged or printed
};

constexpr std::size_t kCurveKeyZ85Length = 40;

// A fresh key pair from libzmq (zmq_curve_keypair). Throws KeyError if libzmq lacks CURVE.
CurveKeyPair generateCurveKeyPair();

// The public half of a Z85 secret key (zmq_curve_public). Throws KeyError on a malformed key.
std::string curvePublicFromSecret(const std::string& secret_z85);

// True for 40 characters of the Z85 alphabet that decode to 32 bytes.
bool isCurveKeyZ85(std::string_view text);

// What may be shown of a public key: its first 8 characters and "…". Never pass a secret key.
std::string keyFingerprint(std::string_view public_z85);

// Names become file names: 1-64 of [A-Za-z0-9._-], not starting with '.'.
bool isValidKeyName(std::string_view name);
// Throws KeyError naming the bad name unless isValidKeyName(name).
void requireValidKeyName(std::string_view name);

struct KeyFilePaths {
  std::filesystem::path public_file;  // DIR/NAME.key
  std::filesystem::path secret_file;  // DIR/NAME.key_secret
};
KeyFilePaths keyFilePaths(const std::filesystem::path& dir, std::string_view name);

// Writes both files (creating `dir`), the secret one with mode 0600 from the start. Refuses to
// replace an existing key unless `overwrite` (a lost secret key locks a device out). Throws
// KeyError.
KeyFilePaths writeKeyPair(const std::filesystem::path& dir, std::string_view name,
                          const CurveKeyPair& keys, bool overwrite = false);
// Writes DIR/NAME.key only (an approved peer's key on the cloud). Throws KeyError.
std::filesystem::path writePublicKey(const std::filesystem::path& dir, std::string_view name,
                                     const std::string& public_z85, bool overwrite = false);

// Reads a public key file (first line, surrounding blanks ignored). Throws KeyError.
std::string readPublicKey(const std::filesystem::path& file);
// Reads a secret key file after checking that only its owner can read it. Throws KeyError.
std::string readSecretKey(const std::filesystem::path& file);
// Reads DIR/NAME.key_secret and, when present, checks DIR/NAME.key is its public half.
CurveKeyPair readKeyPair(const std::filesystem::path& dir, std::string_view name);

// Replaces `file` with `text` via a temporary file + fsync + rename, so a crash leaves either the
// old or the new content; the file gets `mode` (e.g. 0600) before any byte is written.
void writeFileAtomically(const std::filesystem::path& file, std::string_view text,
                         unsigned mode = 0644);

}  // namespace cleave
