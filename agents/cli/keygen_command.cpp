// cleave keygen --out DIR --name NAME [--force]: a CURVE key pair for an agent, operator or cloud.
#include <cstdio>

#include "agents/cli/args.h"
#include "agents/cli/commands.h"
#include "core/net/keys.h"

namespace cleave::cli {

int runKeygen(const std::vector<std::string>& argv) {
  Args args(argv, {"force"});
  const auto out = args.value("out");
  const auto name = args.value("name");
  const bool force = args.flag("force");
  args.finish(0, 0);
  if (!out || !name) throw UsageError("--out DIR and --name NAME are required");
  const CurveKeyPair pair = generateCurveKeyPair();
  const KeyFilePaths files = writeKeyPair(*out, *name, pair, force);
  // The secret never reaches the terminal; the fingerprint is what operators compare.
  std::printf("wrote %s (public) and %s (secret, mode 0600)\nfingerprint %s\n",
              files.public_file.c_str(), files.secret_file.c_str(),
              keyFingerprint(pair.public_z85).c_str());
  return 0;
}

}  // namespace cleave::cli
