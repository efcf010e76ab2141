#include "core/net/activation_name.h"

namespace cleave::net {

std::string activationName(int cut) {
  return "act@" + std::to_string(cut);
}

std::optional<int> parseActivationName(const std::string& name) {
  if (name.size() < 5 || name.size() > 8 || name.compare(0, 4, "act@") != 0) return std::nullopt;
  int cut = 0;
  for (size_t i = 4; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
    cut = cut * 10 + (name[i] - '0');
  }
  return cut;
}

}  // namespace cleave::net
