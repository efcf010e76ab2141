#include "core/net/wire_samples.h"

#include <cmath>

#include "core/net/wire_tensor.h"

namespace cleave::net {

Tensor sampleTensor(Shape shape, int seed) {
  Tensor t(std::move(shape));
  for (size_t i = 0; i < t.data.size(); ++i)
    t.data[i] = 2.0f * std::sin(0.37f * static_cast<float>(i) + static_cast<float>(seed));
  return t;
}

std::vector<Message> sampleMessages() {
  const LinkProfile link{20, 80, 15, 3, 0.001};
  std::vector<Body> bodies;
  bodies.push_back(Hello{"cam-east-1",
                         "camera",
                         "Cortex-A72",
                         4,
                         uint64_t{4} << 30,
                         {0.5, 1.25, 3.0},
                         32,
                         link,
                         "cleave-agent 0.1.0"});
  std::vector<float> residual = sampleTensor({64}, 7).data;
  bodies.push_back(
      Welcome{3,
              R"({"name":"tiny","input":[1,28,28]})",
              {28, 28, true, 0.2860f, 0.3530f},
              {encodeTensor("conv1.weight", sampleTensor({8, 1, 3, 3}, 1), TensorCodec::Fp32),
               encodeTensor("conv1.bias", sampleTensor({8}, 2), TensorCodec::Fp32)}});
  bodies.push_back(Refused{RefusedReason::VersionMismatch, "wire version 2 != 1"});
  bodies.push_back(Heartbeat{5, AgentState::Training, 1.5, 123456789, 12.5});
  bodies.push_back(
      RoundPlan{5, 3, 20, 32, 0.01, TensorCodec::Fp16, 2500, true, 1 << 20, 1800, 0.25});
  bodies.push_back(
      Activations{5,
                  2,
                  {0, 1, 2, 9},
                  encodeTensor("act", sampleTensor({4, 8, 5, 5}, 3), TensorCodec::Fp16),
                  3.25,
                  4.5});
  bodies.push_back(Gradients{
      5, 2, encodeTensor("grad", sampleTensor({4, 8, 5, 5}, 4), TensorCodec::Int8), 0.75, 3});
  bodies.push_back(
      WeightsUp{5,
                640,
                true,
                {updateTensor("conv1.weight", {8, 8}, compressTopK(residual, 0.25)),
                 encodeTensor("bn1.running_mean", sampleTensor({8}, 5), TensorCodec::Fp32)},
                7.5,
                9.0});
  bodies.push_back(WeightsDown{
      5, {encodeTensor("conv1.weight", sampleTensor({8, 1, 3, 3}, 6), TensorCodec::Fp32)}});
  bodies.push_back(EvalReport{5, 1000, 874, 0.41});
  bodies.push_back(ExitStats{5, {{"exit1", 600, 570, 0.12}, {"final", 400, 310, 0.55}}});
  bodies.push_back(
      InferenceRequest{42, encodeTensor("act", sampleTensor({1, 8, 5, 5}, 8), TensorCodec::Int8)});
  bodies.push_back(InferenceAnswer{42, kCloudExit, 7, 1830});
  bodies.push_back(Event{"round-end", 5, "cam-east-1", R"({"accuracy":0.874})", 123456789});
  bodies.push_back(Command{CommandKind::SetLink,
                           "",
                           "cam-east-1",
                           SplitMode::InStep,
                           4,
                           link,
                           2.0,
                           {10, 20, 32, 0.01, 3000, 5, TensorCodec::Int8},
                           1500000,
                           0.35,
                           AgentMode::Inference});
  bodies.push_back(CommandReply{false, "no device 'cam-west-9'", ""});
  bodies.push_back(CommandReply{true, "", R"({"events":[],"next_since_us":0,"more":false})"});
  bodies.push_back(Bye{"shutting down"});

  std::vector<Message> out;
  for (size_t i = 0; i < bodies.size(); ++i)
    out.push_back(
        Message{i, 1'700'000'000'000'000 + static_cast<int64_t>(i), std::move(bodies[i])});
  return out;
}

}  // namespace cleave::net
