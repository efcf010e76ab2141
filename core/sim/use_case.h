// The two shipped use cases: what model, data and fleet each one trains with by default.
// traffic camera = camera_cnn on Fashion-MNIST frames; smart factory = factory_cnn1d on generated
// bearing-vibration windows. Loading is a pure function of its options; callable from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/data/dataset.h"
#include "core/model/model_spec.h"
#include "core/plan/device_profile.h"

namespace cleave {

enum class UseCase { Camera, Factory };

std::string useCaseName(UseCase use_case);  // "camera", "factory"
std::optional<UseCase> useCaseFromName(const std::string& name);

// Where model specs and fleets live: $CLEAVE_RESOURCES, else the installed share/cleave, else the
// source tree the binary was built from.
std::filesystem::path resourceDir();

struct UseCaseOptions {
  std::filesystem::path model_path;  // empty: resources/models/<default>.json
  std::filesystem::path fleet_path;  // empty: resources/fleets/<default>.json
  std::filesystem::path data_dir;    // camera: Fashion-MNIST dir (empty: the Debian package's)
  int64_t train_limit = -1;          // at most this many training samples (-1: all)
  int64_t test_limit = -1;           // at most this many held-out samples (-1: all)
  uint64_t seed = 1;                 // factory generator
};

struct UseCaseSetup {
  UseCase use_case = UseCase::Camera;
  ModelSpec spec;
  std::string spec_json;  // the spec file's text, recorded with sessions
  Dataset train;
  Dataset test;
  Fleet fleet;
};

// Throws with a message naming the missing or malformed file.
UseCaseSetup loadUseCase(UseCase use_case, const UseCaseOptions& options);

}  // namespace cleave
