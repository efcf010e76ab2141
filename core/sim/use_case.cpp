#include "core/sim/use_case.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "core/data/fashion_mnist.h"
#include "core/data/vibration_generator.h"

namespace cleave {

std::string useCaseName(UseCase use_case) {
  return use_case == UseCase::Camera ? "camera" : "factory";
}

std::optional<UseCase> useCaseFromName(const std::string& name) {
  if (name == "camera") return UseCase::Camera;
  if (name == "factory") return UseCase::Factory;
  return std::nullopt;
}

std::filesystem::path resourceDir() {
  if (const char* env = std::getenv("CLEAVE_RESOURCES"); env && *env) return env;
  std::filesystem::path installed = CLEAVE_INSTALLED_RESOURCES;
  if (std::filesystem::exists(installed / "models")) return installed;
  return CLEAVE_SOURCE_RESOURCES;
}

UseCaseSetup loadUseCase(UseCase use_case, const UseCaseOptions& options) {
  const bool camera = use_case == UseCase::Camera;
  UseCaseSetup setup;
  setup.use_case = use_case;
  const auto resources = resourceDir();
  const auto model_path =
      !options.model_path.empty()
          ? options.model_path
          : resources / "models" / (camera ? "camera_cnn.json" : "factory_cnn1d.json");
  setup.spec = loadModelSpec(model_path);  // validates and names the file in errors first
  std::ifstream spec_file(model_path);
  setup.spec_json.assign(std::istreambuf_iterator<char>(spec_file), {});
  setup.fleet = loadFleet(!options.fleet_path.empty()
                              ? options.fleet_path
                              : resources / "fleets" /
                                    (camera ? "traffic_cameras.json" : "factory_floor.json"));
  if (camera) {
    const auto dir = options.data_dir.empty() ? defaultFashionMnistDir() : options.data_dir;
    setup.train = loadFashionMnist(dir, Split::Train, options.train_limit);
    setup.test = loadFashionMnist(dir, Split::Test, options.test_limit);
  } else {
    // Held-out windows come from another seed: other machines, speeds and noise than training.
    const VibrationConfig config;
    const int64_t train_per_class =
        options.train_limit > 0 ? options.train_limit / kVibrationClassCount : 1200;
    const int64_t test_per_class =
        options.test_limit > 0 ? options.test_limit / kVibrationClassCount : 400;
    setup.train = generateVibration(config, train_per_class, options.seed);
    setup.test = generateVibration(config, test_per_class, options.seed + 1'000'003);
  }
  if (setup.train.sample_shape != setup.spec.input_shape) {
    throw std::runtime_error(
        setup.spec.name + " expects inputs " + shapeToString(setup.spec.input_shape) + " but the " +
        useCaseName(use_case) + " data is " + shapeToString(setup.train.sample_shape));
  }
  if (setup.train.classCount() != setup.spec.num_classes) {
    throw std::runtime_error(setup.spec.name + " has " + std::to_string(setup.spec.num_classes) +
                             " classes but the " + useCaseName(use_case) + " data has " +
                             std::to_string(setup.train.classCount()));
  }
  return setup;
}

}  // namespace cleave
