// Private to core/net's .cpp files: the overload-set helper for std::visit over message bodies.
#pragma once

namespace cleave::net {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;  // clang 14 has no CTAD for aggregates yet

}  // namespace cleave::net
