// How an inference activation is named on the wire: "act@K", K the cut it leaves. The agent
// names its InferenceRequest this way and the cloud reads the cut from it. Pure functions.
#pragma once

#include <optional>
#include <string>

namespace cleave::net {

std::string activationName(int cut);
// K for "act@K" (1-4 digits), nullopt for any other name.
std::optional<int> parseActivationName(const std::string& name);

}  // namespace cleave::net
