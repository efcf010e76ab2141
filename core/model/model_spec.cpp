#include "core/model/model_spec.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "core/model/layer_shape.h"
#include "core/model/spec_fields.h"

namespace cleave {
namespace {

using Json = nlohmann::json;
using Fields = std::vector<std::string_view>;

constexpr std::array<std::pair<LayerType, const char*>, 17> kTypeNames{{
    {LayerType::Conv2d, "conv2d"},
    {LayerType::Conv1d, "conv1d"},
    {LayerType::Linear, "linear"},
    {LayerType::MaxPool2d, "maxpool2d"},
    {LayerType::AvgPool2d, "avgpool2d"},
    {LayerType::MaxPool1d, "maxpool1d"},
    {LayerType::AvgPool1d, "avgpool1d"},
    {LayerType::AdaptiveAvgPool2d, "adaptive_avgpool2d"},
    {LayerType::AdaptiveAvgPool1d, "adaptive_avgpool1d"},
    {LayerType::ReLU, "relu"},
    {LayerType::ReLU6, "relu6"},
    {LayerType::BatchNorm2d, "batchnorm2d"},
    {LayerType::BatchNorm1d, "batchnorm1d"},
    {LayerType::Dropout, "dropout"},
    {LayerType::Flatten, "flatten"},
    {LayerType::BasicBlock, "basic_block"},
    {LayerType::InvertedResidual, "inverted_residual"},
}};

std::string knownTypes() {
  std::string list;
  for (const auto& [type, name] : kTypeNames)
    list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

// The type-specific fields of a layer, after "name" and "type" have been read.
void readLayerFields(const SpecFields& f, LayerSpec& layer) {
  switch (layer.type) {
    case LayerType::Conv2d:
    case LayerType::Conv1d: {
      f.rejectUnknown(
          {"name", "type", "out_channels", "kernel", "stride", "padding", "groups", "bias"});
      const size_t rank = layer.type == LayerType::Conv2d ? 2 : 1;
      layer.out_channels = f.integer("out_channels", 1);
      layer.kernel = f.sizes("kernel", rank, 1);
      layer.stride = f.sizes("stride", rank, 1, std::vector<int64_t>(rank, 1));
      layer.padding = f.sizes("padding", rank, 0, std::vector<int64_t>(rank, 0));
      layer.groups = f.integer("groups", 1, 1);
      layer.bias = f.boolean("bias", true);
      return;
    }
    case LayerType::MaxPool2d:
    case LayerType::AvgPool2d:
    case LayerType::MaxPool1d:
    case LayerType::AvgPool1d: {
      f.rejectUnknown({"name", "type", "kernel", "stride", "padding"});
      const size_t rank =
          layer.type == LayerType::MaxPool2d || layer.type == LayerType::AvgPool2d ? 2 : 1;
      layer.kernel = f.sizes("kernel", rank, 1);
      layer.stride = f.sizes("stride", rank, 1, layer.kernel);
      layer.padding = f.sizes("padding", rank, 0, std::vector<int64_t>(rank, 0));
      return;
    }
    case LayerType::AdaptiveAvgPool2d:
    case LayerType::AdaptiveAvgPool1d:
      f.rejectUnknown({"name", "type", "output_size"});
      layer.output_size =
          f.sizes("output_size", layer.type == LayerType::AdaptiveAvgPool2d ? 2 : 1, 1);
      return;
    case LayerType::Linear:
      f.rejectUnknown({"name", "type", "out_features", "bias"});
      layer.out_features = f.integer("out_features", 1);
      layer.bias = f.boolean("bias", true);
      return;
    case LayerType::Dropout:
      f.rejectUnknown({"name", "type", "p"});
      layer.p = f.number("p", 0.0, 1.0, 0.5);
      return;
    case LayerType::BasicBlock:
      f.rejectUnknown({"name", "type", "out_channels", "stride"});
      layer.out_channels = f.integer("out_channels", 1);
      layer.stride = f.sizes("stride", 2, 1, {1, 1});
      return;
    case LayerType::InvertedResidual:
      f.rejectUnknown({"name", "type", "out_channels", "stride", "expand_ratio"});
      layer.out_channels = f.integer("out_channels", 1);
      layer.stride = f.sizes("stride", 2, 1, {1, 1});
      layer.expand_ratio = f.integer("expand_ratio", 1, 1);
      return;
    case LayerType::ReLU:
    case LayerType::ReLU6:
    case LayerType::BatchNorm2d:
    case LayerType::BatchNorm1d:
    case LayerType::Flatten:
      f.rejectUnknown({"name", "type"});
      return;
  }
}

// `where` is "file: layer 3" or "file: exit 'local' layer 2"; it gains the name and type once
// known.
LayerSpec parseLayer(const Json& json, const std::string& where, const std::string& default_name) {
  SpecFields f(json, where);
  LayerSpec layer;
  layer.name = default_name.empty() ? f.string("name") : f.string("name", default_name);
  if (layer.name.empty()) f.fail("'name' must not be empty");
  f.setWhere(where + " '" + layer.name + "'");
  const std::string type_name = f.string("type");
  const auto type = layerTypeFromName(type_name);
  if (!type) f.fail("unknown type '" + type_name + "' (known: " + knownTypes() + ")");
  layer.type = *type;
  f.setWhere(where + " '" + layer.name + "' (" + type_name + ")");
  readLayerFields(f, layer);
  return layer;
}

ExitSpec parseExit(const Json& json, const std::string& origin, int index) {
  SpecFields f(json, origin + ": exit " + std::to_string(index));
  ExitSpec exit;
  exit.name = f.string("name");
  f.setWhere(origin + ": exit " + std::to_string(index) + " '" + exit.name + "'");
  f.rejectUnknown({"name", "after", "weight", "layers"});
  exit.after = f.string("after");
  exit.weight = f.number("weight", 0.0, 1e6, 1.0);
  const Json& layers = f.array("layers");
  for (size_t i = 0; i < layers.size(); ++i) {
    const int n = static_cast<int>(i);
    exit.layers.push_back(
        parseLayer(layers[i], origin + ": exit '" + exit.name + "' layer " + std::to_string(n),
                   exit.name + "." + std::to_string(n)));
  }
  return exit;
}

// "exit 'local' layer 2 'local.2' (linear)"
std::string describeExitLayer(const ExitSpec& exit, int index, const LayerSpec& layer) {
  return "exit '" + exit.name + "' " + describeLayer(index, layer);
}

void checkUniqueNames(const ModelSpec& spec, const std::string& origin) {
  std::map<std::string, std::string> seen;  // name -> who used it first
  auto claim = [&](const std::string& name, const std::string& who) {
    auto [it, inserted] = seen.emplace(name, who);
    if (!inserted) {
      throw SpecError(origin + ": " + who + ": name '" + name + "' is already used by " +
                      it->second);
    }
  };
  for (int i = 0; i < spec.layerCount(); ++i) {
    claim(spec.layers[static_cast<size_t>(i)].name,
          describeLayer(i, spec.layers[static_cast<size_t>(i)]));
  }
  std::map<std::string, int> exit_names;
  for (const auto& exit : spec.exits) {
    if (!exit_names.emplace(exit.name, 0).second) {
      throw SpecError(origin + ": exit '" + exit.name + "' is defined twice");
    }
    for (size_t i = 0; i < exit.layers.size(); ++i) {
      claim(exit.layers[i].name, describeExitLayer(exit, static_cast<int>(i), exit.layers[i]));
    }
  }
}

void checkClassifier(const Shape& output, int64_t num_classes, const std::string& where) {
  if (output != Shape{num_classes}) {
    throw SpecError(where + ": outputs " + shapeToString(output) +
                    " but a classifier must output [" + std::to_string(num_classes) +
                    "] (num_classes)");
  }
}

// Every shape must be inferable end to end and both the trunk and each exit must end in logits.
void checkShapes(const ModelSpec& spec, const std::string& origin) {
  std::vector<Shape> trunk;
  Shape shape = spec.input_shape;
  for (int i = 0; i < spec.layerCount(); ++i) {
    const auto& layer = spec.layers[static_cast<size_t>(i)];
    shape = layerOutputShape(layer, shape, origin + ": " + describeLayer(i, layer));
    trunk.push_back(shape);
  }
  checkClassifier(shape, spec.num_classes,
                  origin + ": last " + describeLayer(spec.layerCount() - 1, spec.layers.back()));
  for (const auto& exit : spec.exits) {
    shape = trunk[static_cast<size_t>(exit.after_index)];
    for (size_t i = 0; i < exit.layers.size(); ++i) {
      shape = layerOutputShape(
          exit.layers[i], shape,
          origin + ": " + describeExitLayer(exit, static_cast<int>(i), exit.layers[i]));
    }
    checkClassifier(shape, spec.num_classes, origin + ": exit '" + exit.name + "'");
  }
}

// nlohmann reports a byte offset; people fix files by line and column.
std::string locate(const std::string& text, size_t byte) {
  byte = std::min(byte, text.size());
  size_t line = 1;
  size_t column = 1;
  for (size_t i = 0; i + 1 < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
         std::to_string(byte) + ")";
}

// "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." -> the
// part after the position, which locate() already gives.
std::string withoutPrefix(const std::string& message) {
  const size_t at = message.find("parse error");
  const size_t colon = at == std::string::npos ? at : message.find(": ", at);
  return colon == std::string::npos ? message : message.substr(colon + 2);
}

}  // namespace

std::string layerTypeName(LayerType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "unknown";
}

std::optional<LayerType> layerTypeFromName(const std::string& name) {
  for (const auto& [type, spelling] : kTypeNames) {
    if (name == spelling) return type;
  }
  return std::nullopt;
}

int ModelSpec::layerIndex(const std::string& layer_name) const {
  for (int i = 0; i < layerCount(); ++i) {
    if (layers[static_cast<size_t>(i)].name == layer_name) return i;
  }
  return -1;
}

std::string describeLayer(int index, const LayerSpec& layer) {
  return "layer " + std::to_string(index) + " '" + layer.name + "' (" + layerTypeName(layer.type) +
         ")";
}

ModelSpec parseModelSpec(const std::string& json_text, const std::string& origin) {
  Json root;
  try {
    root = Json::parse(json_text);
  } catch (const Json::parse_error& e) {
    throw SpecError(origin + ": invalid JSON at " + locate(json_text, e.byte) + ": " +
                    withoutPrefix(e.what()));
  }
  SpecFields f(root, origin);
  f.rejectUnknown(
      {"name", "description", "input_shape", "num_classes", "class_names", "layers", "exits"});
  ModelSpec spec;
  spec.name = f.string("name");
  spec.description = f.string("description", "");
  spec.input_shape = f.integerList("input_shape", 1);
  if (spec.input_shape.size() > 3) {
    f.fail(
        "'input_shape' must be [features], [channels, length] or [channels, height, width], got " +
        shapeToString(spec.input_shape));
  }
  spec.num_classes = f.integer("num_classes", 1);
  spec.class_names = f.stringList("class_names");
  if (!spec.class_names.empty() &&
      static_cast<int64_t>(spec.class_names.size()) != spec.num_classes) {
    f.fail("'class_names' has " + std::to_string(spec.class_names.size()) +
           " entries but num_classes is " + std::to_string(spec.num_classes));
  }
  const Json& layers = f.array("layers");
  for (size_t i = 0; i < layers.size(); ++i) {
    spec.layers.push_back(parseLayer(layers[i], origin + ": layer " + std::to_string(i), ""));
  }
  if (const Json* exits = f.optionalArray("exits")) {
    for (size_t i = 0; i < exits->size(); ++i) {
      spec.exits.push_back(parseExit((*exits)[i], origin, static_cast<int>(i)));
    }
  }
  checkUniqueNames(spec, origin);
  for (auto& exit : spec.exits) {
    exit.after_index = spec.layerIndex(exit.after);
    if (exit.after_index < 0) {
      throw SpecError(origin + ": exit '" + exit.name + "': 'after' names no trunk layer: '" +
                      exit.after + "'");
    }
  }
  std::stable_sort(spec.exits.begin(), spec.exits.end(), [](const ExitSpec& a, const ExitSpec& b) {
    return a.after_index < b.after_index;
  });
  checkShapes(spec, origin);
  return spec;
}

ModelSpec loadModelSpec(const std::filesystem::path& path) {
  std::error_code ignored;
  // An ifstream "opens" a directory on Linux and then reads nothing; say what is wrong instead.
  if (std::filesystem::is_directory(path, ignored)) {
    throw SpecError("cannot open " + path.string() + ": it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SpecError("cannot open " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw SpecError("cannot read " + path.string());
  return parseModelSpec(text.str(), path.string());
}

}  // namespace cleave
