// Writing a JSON report so that a crash or a full disk never leaves a half-written file.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

namespace cleave::cli {

// Writes through FILE.tmp + rename; throws std::runtime_error naming the file on failure.
void writeJsonAtomically(const std::filesystem::path& path, const nlohmann::json& doc);

}  // namespace cleave::cli
