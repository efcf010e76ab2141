// Plain-text formatting shared by every report a terminal shows: aligned tables, byte sizes,
// grouped counts. Pure functions; callable from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cleave {

// Columns sized to their widest cell, two spaces apart; columns flagged in `left` align left,
// the rest (numbers) right. Trailing spaces are trimmed. Every row has left.size() cells.
std::string renderTable(const std::vector<std::vector<std::string>>& rows,
                        const std::vector<bool>& left);
// "512 B", "12.3 KiB", "1.5 MiB", "2.0 GiB" (powers of 1024).
std::string formatBytes(int64_t bytes);
// "61,100,840": thousands separated so parameter counts read at a glance.
std::string formatCount(int64_t count);

}  // namespace cleave
