// Model weights on the wire: one WireTensor per named entry (Welcome, WeightsUp, WeightsDown).
// Layer index and statistic flag are not sent: the receiver matches names against its own
// layout. Pure functions, callable from any thread.
#pragma once

#include <vector>

#include "core/net/message.h"
#include "core/train/weights.h"

namespace cleave::net {

// Every entry as an owned tensor in `codec` (a dense codec).
std::vector<WireTensor> weightsToWire(const Weights& weights,
                                      TensorCodec codec = TensorCodec::Fp32);
// The values of `wire` laid into a copy of `layout` (entries matched by name; entries of `layout`
// not on the wire are dropped). Throws std::invalid_argument naming the tensor for an unknown
// name, a shape that differs from the layout, or a duplicate; CompressError for bad contents.
Weights weightsFromWire(const std::vector<WireTensor>& wire, const Weights& layout);

}  // namespace cleave::net
