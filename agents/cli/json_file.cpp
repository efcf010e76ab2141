#include "agents/cli/json_file.h"

#include <fstream>
#include <stdexcept>

namespace cleave::cli {

void writeJsonAtomically(const std::filesystem::path& path, const nlohmann::json& doc) {
  const auto tmp = std::filesystem::path(path.string() + ".tmp");
  {
    std::ofstream out(tmp);
    out << doc.dump(2) << "\n";
    out.flush();
    if (!out) {
      throw std::runtime_error("cannot write " + tmp.string() + " (disk full or no permission?)");
    }
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace cleave::cli
