// One example of every message type, tensors in every codec: for round-trip tests, the fuzzer's
// seed corpus and benchmarks. Deterministic; callable from any thread.
#pragma once

#include <vector>

#include "core/net/message.h"

namespace cleave::net {

// A deterministic [shape] tensor with values in about [-2, 2].
Tensor sampleTensor(Shape shape, int seed);

// Every Body alternative at least once (in variant order), seq = index.
std::vector<Message> sampleMessages();

}  // namespace cleave::net
