// Model-spec parsing, validation messages and shape inference against hand-computed shapes.
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/model/block_expansion.h"
#include "core/model/model_spec.h"

using cleave::Shape;
using nlohmann::json;

Q_DECLARE_METATYPE(Shape)

namespace {

// A small valid spec; each error case breaks one thing in it.
json baseSpec() {
  return json::parse(R"({
    "name": "tiny", "input_shape": [1, 8, 8], "num_classes": 4,
    "layers": [
      {"name": "conv1", "type": "conv2d", "out_channels": 4, "kernel": 3, "padding": 1},
      {"name": "bn1", "type": "batchnorm2d"},
      {"name": "relu1", "type": "relu"},
      {"name": "pool1", "type": "maxpool2d", "kernel": 2},
      {"name": "flatten", "type": "flatten"},
      {"name": "fc", "type": "linear", "out_features": 4}
    ],
    "exits": [{"name": "early", "after": "pool1",
               "layers": [{"type": "flatten"}, {"type": "linear", "out_features": 4}]}]
  })");
}

QByteArray mutated(const std::function<void(json&)>& change) {
  json spec = baseSpec();
  change(spec);
  return QByteArray::fromStdString(spec.dump(2));
}

QString errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const cleave::SpecError& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

}  // namespace

class TstModelSpec : public QObject {
  Q_OBJECT

 private slots:
  void typeNamesRoundTrip();
  void goodSpecParsesWithDefaults();
  void exitsSortedAndResolved();
  void commentKeysAccepted();
  void parseErrors_data();
  void parseErrors();
  void missingFile();
  void errorNamesTheFileOnDisk();
  void malformedJsonSaysWhere();
  void layerShapes_data();
  void layerShapes();
  void trunkShapes();
  void handBuiltLayerErrors();
  void basicBlockStructure_data();
  void basicBlockStructure();
  void invertedResidualStructure_data();
  void invertedResidualStructure();
};

void TstModelSpec::typeNamesRoundTrip() {
  const QStringList names = {"conv2d",
                             "conv1d",
                             "linear",
                             "maxpool2d",
                             "avgpool2d",
                             "maxpool1d",
                             "avgpool1d",
                             "adaptive_avgpool2d",
                             "adaptive_avgpool1d",
                             "relu",
                             "relu6",
                             "batchnorm2d",
                             "batchnorm1d",
                             "dropout",
                             "flatten",
                             "basic_block",
                             "inverted_residual"};
  for (const QString& name : names) {
    const auto type = cleave::layerTypeFromName(name.toStdString());
    QVERIFY2(type.has_value(), qPrintable(name));
    QCOMPARE(QString::fromStdString(cleave::layerTypeName(*type)), name);
  }
  QVERIFY(!cleave::layerTypeFromName("conv3d").has_value());
  QVERIFY(!cleave::layerTypeFromName("Conv2d").has_value());
}

void TstModelSpec::goodSpecParsesWithDefaults() {
  json spec = baseSpec();
  spec["layers"].insert(spec["layers"].begin() + 5,
                        json::object({{"name", "drop"}, {"type", "dropout"}}));
  spec["class_names"] = {"a", "b", "c", "d"};
  spec["description"] = "for tests";
  const auto parsed = cleave::parseModelSpec(spec.dump(), "good.json");
  QCOMPARE(parsed.name, std::string("tiny"));
  QCOMPARE(parsed.description, std::string("for tests"));
  QCOMPARE(parsed.input_shape, (Shape{1, 8, 8}));
  QCOMPARE(parsed.num_classes, int64_t{4});
  QCOMPARE(parsed.layerCount(), 7);
  QCOMPARE(parsed.class_names.size(), size_t{4});
  QCOMPARE(parsed.class_names[2], std::string("c"));

  const auto& conv = parsed.layers[0];
  QCOMPARE(conv.type, cleave::LayerType::Conv2d);
  QCOMPARE(conv.kernel, (std::vector<int64_t>{3, 3}));  // an int expands to the spatial rank
  QCOMPARE(conv.stride, (std::vector<int64_t>{1, 1}));  // conv default stride 1
  QCOMPARE(conv.padding, (std::vector<int64_t>{1, 1}));
  QCOMPARE(conv.groups, int64_t{1});
  QVERIFY(conv.bias);
  const auto& pool = parsed.layers[3];
  QCOMPARE(pool.stride, (std::vector<int64_t>{2, 2}));  // pool default stride = kernel
  QCOMPARE(pool.padding, (std::vector<int64_t>{0, 0}));
  QCOMPARE(parsed.layers[5].type, cleave::LayerType::Dropout);
  QCOMPARE(parsed.layers[5].p, 0.5);

  QCOMPARE(parsed.exits.size(), size_t{1});
  const auto& exit = parsed.exits[0];
  QCOMPARE(exit.weight, 1.0);
  QCOMPARE(exit.after_index, 3);
  QCOMPARE(exit.layers[0].name, std::string("early.0"));
  QCOMPARE(exit.layers[1].name, std::string("early.1"));
  QCOMPARE(parsed.layerIndex("fc"), 6);
  QCOMPARE(parsed.layerIndex("nope"), -1);
}

void TstModelSpec::exitsSortedAndResolved() {
  json spec = baseSpec();
  spec["exits"].push_back(json::parse(R"({"name": "first", "after": "conv1", "weight": 0.25,
      "layers": [{"name": "gap", "type": "adaptive_avgpool2d", "output_size": 1},
                 {"type": "flatten"}, {"type": "linear", "out_features": 4, "bias": false}]})"));
  const auto parsed = cleave::parseModelSpec(spec.dump(), "exits.json");
  QCOMPARE(parsed.exits.size(), size_t{2});
  QCOMPARE(parsed.exits[0].name, std::string("first"));
  QCOMPARE(parsed.exits[0].after_index, 0);
  QCOMPARE(parsed.exits[0].weight, 0.25);
  QCOMPARE(parsed.exits[0].layers[0].name, std::string("gap"));
  QCOMPARE(parsed.exits[0].layers[2].name, std::string("first.2"));
  QVERIFY(!parsed.exits[0].layers[2].bias);
  QCOMPARE(parsed.exits[1].name, std::string("early"));
  QCOMPARE(parsed.exits[1].after_index, 3);
}

void TstModelSpec::commentKeysAccepted() {
  json spec = baseSpec();
  spec["_source"] = "hand written";
  spec["layers"][0]["_note"] = "first conv";
  QCOMPARE(cleave::parseModelSpec(spec.dump(), "c.json").layerCount(), 6);
}

void TstModelSpec::parseErrors_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<QStringList>("fragments");
  auto add = [](const char* row, const std::function<void(json&)>& change, QStringList fragments) {
    QTest::addRow("%s", row) << mutated(change) << fragments;
  };
  add("typo field", [](json& s) { s["layers"][0]["kernal"] = 3; },
      {"layer 0 'conv1' (conv2d): unknown field 'kernal'"});
  add("missing kernel", [](json& s) { s["layers"][0].erase("kernel"); },
      {"layer 0 'conv1' (conv2d): needs 'kernel'"});
  add("string size", [](json& s) { s["layers"][0]["out_channels"] = "4"; },
      {"'conv1'", "'out_channels' must be an integer", "string"});
  add("float kernel", [](json& s) { s["layers"][0]["kernel"] = 3.5; },
      {"'conv1'", "'kernel' must be an integer"});
  add("negative channels", [](json& s) { s["layers"][0]["out_channels"] = -4; },
      {"'conv1'", "'out_channels' must be >= 1", "-4"});
  add("zero stride", [](json& s) { s["layers"][0]["stride"] = 0; },
      {"'conv1'", "'stride' must be >= 1"});
  add("kernel list too long",
      [](json& s) {
        s["layers"][0]["kernel"] = {3, 3, 3};
      },
      {"'conv1'", "'kernel' must be an integer or a list of 2 integers"});
  add("bias not bool", [](json& s) { s["layers"][0]["bias"] = "yes"; },
      {"'conv1'", "'bias' must be true or false"});
  add("groups do not divide", [](json& s) { s["layers"][0]["groups"] = 3; },
      {"layer 0 'conv1' (conv2d)", "groups 3 must divide"});
  add("unknown type", [](json& s) { s["layers"][2]["type"] = "conv3d"; },
      {"layer 2 'relu1'", "unknown type 'conv3d'"});
  add("missing type", [](json& s) { s["layers"][2].erase("type"); },
      {"layer 2 'relu1'", "needs 'type'"});
  add("missing name", [](json& s) { s["layers"][2].erase("name"); }, {"layer 2", "needs 'name'"});
  add("duplicate name", [](json& s) { s["layers"][2]["name"] = "bn1"; },
      {"layer 2 'bn1' (relu)", "'bn1' is already used by layer 1"});
  add("exit after nothing", [](json& s) { s["exits"][0]["after"] = "pool9"; },
      {"exit 'early'", "'after' names no trunk layer", "pool9"});
  add("pool larger than map",
      [](json& s) {
        s["input_shape"] = {1, 2, 2};
        s["layers"][3]["kernel"] = 3;
      },
      {"layer 3 'pool1' (maxpool2d)", "kernel 3 does not fit"});
  add("conv after flatten",
      [](json& s) {
        s["layers"].insert(s["layers"].begin() + 5,
                           json::parse(R"({"name": "conv9", "type": "conv2d",
                                           "out_channels": 4, "kernel": 1})"));
      },
      {"layer 5 'conv9' (conv2d)", "[channels, height, width]", "got [64]"});
  add("linear without flatten",
      [](json& s) {
        s["layers"].erase(4);
        s["exits"][0]["after"] = "relu1";
      },
      {"layer 4 'fc' (linear)", "got [4, 4, 4]", "flatten"});
  add("wrong class count", [](json& s) { s["layers"][5]["out_features"] = 5; },
      {"layer 5 'fc' (linear)", "[5]", "num_classes"});
  add("exit head wrong classes", [](json& s) { s["exits"][0]["layers"][1]["out_features"] = 3; },
      {"exit 'early'", "[3]", "num_classes"});
  add("exit field typo", [](json& s) { s["exits"][0]["wieght"] = 0.5; },
      {"exit 0 'early'", "unknown field 'wieght'"});
  add("exit layer typo", [](json& s) { s["exits"][0]["layers"][1]["out_feature"] = 4; },
      {"exit 'early' layer 1 'early.1' (linear)", "unknown field 'out_feature'"});
  add("exit layer name clash", [](json& s) { s["exits"][0]["layers"][0]["name"] = "fc"; },
      {"exit 'early' layer 0 'fc' (flatten)", "already used by layer 5 'fc' (linear)"});
  add("root typo", [](json& s) { s["layer"] = s["layers"]; }, {"unknown field 'layer'"});
  add("empty layers", [](json& s) { s["layers"] = json::array(); },
      {"'layers' must be a non-empty list"});
  add("zero input size",
      [](json& s) {
        s["input_shape"] = {1, 0, 8};
      },
      {"'input_shape' must be >= 1"});
  add("dropout p out of range",
      [](json& s) {
        s["layers"][2] = {{"name", "drop"}, {"type", "dropout"}, {"p", 1.5}};
      },
      {"layer 2 'drop' (dropout)", "'p' must lie in"});
  add("class names count",
      [](json& s) {
        s["class_names"] = {"a", "b"};
      },
      {"'class_names' has 2 entries"});
  add("pool padding over half", [](json& s) { s["layers"][3]["padding"] = 2; },
      {"layer 3 'pool1' (maxpool2d)", "at most half"});
  add("expand ratio zero",
      [](json& s) {
        s["layers"][2] = {{"name", "ir"},
                          {"type", "inverted_residual"},
                          {"out_channels", 4},
                          {"expand_ratio", 0}};
      },
      {"layer 2 'ir' (inverted_residual)", "'expand_ratio' must be >= 1"});
  add("adaptive size list wrong",
      [](json& s) {
        s["exits"][0]["layers"][0] = {{"type", "adaptive_avgpool1d"}, {"output_size", 2}};
      },
      {"exit 'early' layer 0 'early.0' (adaptive_avgpool1d)", "[channels, length]"});
  add("layer not an object", [](json& s) { s["layers"][1] = 7; },
      {"layer 1", "expected a JSON object"});
  QTest::addRow("root not an object") << QByteArray("[1, 2]") << QStringList{"JSON object"};
}

void TstModelSpec::parseErrors() {
  QFETCH(QByteArray, text);
  QFETCH(QStringList, fragments);
  const QString message =
      errorOf([&] { cleave::parseModelSpec(text.toStdString(), "bad_spec.json"); });
  QVERIFY2(!message.isEmpty(), "no SpecError thrown");
  QVERIFY2(message.startsWith("bad_spec.json: "), qPrintable(message));
  for (const QString& fragment : fragments) {
    QVERIFY2(message.contains(fragment), qPrintable(message + "\n  lacks: " + fragment));
  }
}

void TstModelSpec::missingFile() {
  const QString message = errorOf([] { cleave::loadModelSpec("/nonexistent/dir/model.json"); });
  QCOMPARE(message, QString("cannot open /nonexistent/dir/model.json"));
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString folder = errorOf([&] { cleave::loadModelSpec(dir.path().toStdString()); });
  QVERIFY2(folder.startsWith("cannot open " + dir.path()), qPrintable(folder));
}

void TstModelSpec::errorNamesTheFileOnDisk() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const std::string path = dir.filePath("typo_model.json").toStdString();
  std::ofstream(path) << mutated([](json& s) { s["layers"][1]["momentum"] = 0.1; }).toStdString();
  const QString message = errorOf([&] { cleave::loadModelSpec(path); });
  QVERIFY2(message.startsWith(QString::fromStdString(path) + ": layer 1 'bn1' (batchnorm2d)"),
           qPrintable(message));
  QVERIFY2(message.contains("unknown field 'momentum'"), qPrintable(message));

  const std::string good = dir.filePath("good.json").toStdString();
  std::ofstream(good) << baseSpec().dump();
  QCOMPARE(cleave::loadModelSpec(good).layerCount(), 6);
}

void TstModelSpec::malformedJsonSaysWhere() {
  // The missing comma is detected at the third line's "num_classes" key.
  const std::string text = "{\n  \"name\": \"x\",\n  \"input_shape\": [1] \"num_classes\": 2\n}\n";
  const QString message = errorOf([&] { cleave::parseModelSpec(text, "broken.json"); });
  QVERIFY2(message.startsWith("broken.json: invalid JSON at line 3, column"), qPrintable(message));
  QVERIFY2(message.contains("byte"), qPrintable(message));
  const QString empty = errorOf([] { cleave::parseModelSpec("", "empty.json"); });
  QVERIFY2(empty.startsWith("empty.json: invalid JSON at line 1"), qPrintable(empty));
}

void TstModelSpec::layerShapes_data() {
  QTest::addColumn<QByteArray>("layer");
  QTest::addColumn<Shape>("input");
  QTest::addColumn<Shape>("expected");
  auto add = [](const char* row, const char* layer, Shape input, Shape expected) {
    QTest::addRow("%s", row) << QByteArray(layer) << input << expected;
  };
  // (in + 2p - k) / s + 1, floored, per spatial dimension.
  add("conv2d valid", R"({"type":"conv2d","out_channels":8,"kernel":3})", {3, 32, 32}, {8, 30, 30});
  add("conv2d per-dim", R"({"type":"conv2d","out_channels":16,"kernel":[3,5],"stride":[2,1],
      "padding":[1,2]})",
      {3, 32, 32}, {16, (32 + 2 - 3) / 2 + 1, (32 + 4 - 5) / 1 + 1});
  add("conv2d depthwise", R"({"type":"conv2d","out_channels":8,"kernel":3,"groups":8})",
      {8, 10, 10}, {8, 8, 8});
  add("conv2d alexnet stem", R"({"type":"conv2d","out_channels":64,"kernel":11,"stride":4,
      "padding":2})",
      {3, 224, 224}, {64, 55, 55});
  add("conv1d", R"({"type":"conv1d","out_channels":16,"kernel":7,"stride":2,"padding":3})",
      {3, 1024}, {16, 512});
  add("linear", R"({"type":"linear","out_features":10})", {20}, {10});
  add("maxpool2d floor", R"({"type":"maxpool2d","kernel":2})", {4, 7, 7}, {4, 3, 3});
  add("maxpool2d resnet", R"({"type":"maxpool2d","kernel":3,"stride":2,"padding":1})",
      {64, 112, 112}, {64, 56, 56});
  add("avgpool2d", R"({"type":"avgpool2d","kernel":3,"stride":1})", {2, 5, 5}, {2, 3, 3});
  add("maxpool1d floor", R"({"type":"maxpool1d","kernel":2})", {16, 511}, {16, 255});
  add("avgpool1d", R"({"type":"avgpool1d","kernel":4})", {3, 10}, {3, 2});
  add("adaptive2d", R"({"type":"adaptive_avgpool2d","output_size":[4,4]})", {32, 14, 14},
      {32, 4, 4});
  add("adaptive2d int", R"({"type":"adaptive_avgpool2d","output_size":1})", {512, 7, 7},
      {512, 1, 1});
  add("adaptive1d", R"({"type":"adaptive_avgpool1d","output_size":8})", {16, 256}, {16, 8});
  add("relu", R"({"type":"relu"})", {3, 4, 5}, {3, 4, 5});
  add("relu6", R"({"type":"relu6"})", {7}, {7});
  add("dropout", R"({"type":"dropout","p":0.2})", {3, 4}, {3, 4});
  add("batchnorm2d", R"({"type":"batchnorm2d"})", {6, 4, 4}, {6, 4, 4});
  add("batchnorm1d 2d", R"({"type":"batchnorm1d"})", {6, 10}, {6, 10});
  add("batchnorm1d flat", R"({"type":"batchnorm1d"})", {6}, {6});
  add("flatten", R"({"type":"flatten"})", {2, 3, 4}, {24});
  add("basic_block down", R"({"type":"basic_block","out_channels":128,"stride":2})", {64, 56, 56},
      {128, 28, 28});
  add("basic_block same", R"({"type":"basic_block","out_channels":64})", {64, 56, 56},
      {64, 56, 56});
  add("basic_block odd", R"({"type":"basic_block","out_channels":8,"stride":2})", {4, 7, 7},
      {8, 4, 4});
  add("inverted_residual down",
      R"({"type":"inverted_residual","out_channels":24,"stride":2,"expand_ratio":6})",
      {16, 112, 112}, {24, 56, 56});
  add("inverted_residual same", R"({"type":"inverted_residual","out_channels":16})", {32, 112, 112},
      {16, 112, 112});
}

void TstModelSpec::layerShapes() {
  QFETCH(QByteArray, layer);
  QFETCH(Shape, input);
  QFETCH(Shape, expected);
  // Parse the layer as the only trunk layer of a model whose "classes" are its output size,
  // so the parser fills the defaults the shape rules rely on.
  json spec = {{"name", "one"}, {"input_shape", input}, {"num_classes", 1}};
  json layer_json = json::parse(layer.toStdString());
  layer_json["name"] = "l";
  spec["layers"] = {layer_json, {{"name", "flat"}, {"type", "flatten"}}};
  spec["num_classes"] = cleave::numel(expected);
  const auto parsed = cleave::parseModelSpec(spec.dump(), "shape.json");
  QCOMPARE(cleave::inferLayerShape(parsed.layers[0], input, "shape.json"), expected);
  QCOMPARE(cleave::inferTrunkShapes(parsed)[0], expected);
}

void TstModelSpec::trunkShapes() {
  const auto spec = cleave::parseModelSpec(baseSpec().dump(), "base.json");
  const std::vector<Shape> expected = {{4, 8, 8}, {4, 8, 8}, {4, 8, 8}, {4, 4, 4}, {64}, {4}};
  QCOMPARE(cleave::inferTrunkShapes(spec), expected);
}

void TstModelSpec::handBuiltLayerErrors() {
  cleave::LayerSpec conv;
  conv.name = "handmade";
  conv.type = cleave::LayerType::Conv2d;
  conv.out_channels = 4;
  conv.kernel = {3};  // one entry for a 2-d conv: the parser would have expanded it
  conv.stride = {1, 1};
  conv.padding = {0, 0};
  const QString message = errorOf([&] { cleave::inferLayerShape(conv, {1, 8, 8}, "builder"); });
  QVERIFY2(message.startsWith("builder: layer 'handmade' (conv2d): 'kernel' has 1 entries"),
           qPrintable(message));
  conv.kernel = {3, 3};
  QCOMPARE(cleave::inferLayerShape(conv, {1, 8, 8}, "builder"), (Shape{4, 6, 6}));
}

void TstModelSpec::basicBlockStructure_data() {
  QTest::addColumn<int64_t>("in_channels");
  QTest::addColumn<int64_t>("out_channels");
  QTest::addColumn<int64_t>("stride");
  QTest::addColumn<bool>("projection");
  QTest::addRow("identity") << int64_t{64} << int64_t{64} << int64_t{1} << false;
  QTest::addRow("strided") << int64_t{64} << int64_t{64} << int64_t{2} << true;
  QTest::addRow("wider") << int64_t{64} << int64_t{128} << int64_t{1} << true;
}

void TstModelSpec::basicBlockStructure() {
  QFETCH(int64_t, in_channels);
  QFETCH(int64_t, out_channels);
  QFETCH(int64_t, stride);
  QFETCH(bool, projection);
  cleave::LayerSpec block;
  block.name = "b";
  block.type = cleave::LayerType::BasicBlock;
  block.out_channels = out_channels;
  block.stride = {stride, stride};
  const auto e = cleave::expandBlock(block, in_channels);
  QCOMPARE(e.main.size(), size_t{5});  // conv bn relu conv bn
  QCOMPARE(e.main[0].kernel, (std::vector<int64_t>{3, 3}));
  QCOMPARE(e.main[0].stride, (std::vector<int64_t>{stride, stride}));
  QCOMPARE(e.main[3].stride, (std::vector<int64_t>{1, 1}));
  QVERIFY(!e.main[0].bias && !e.main[3].bias);
  QCOMPARE(e.main[4].type, cleave::LayerType::BatchNorm2d);
  QVERIFY(e.residual);
  QCOMPARE(e.shortcut.empty(), !projection);
  if (projection) {
    QCOMPARE(e.shortcut[0].kernel, (std::vector<int64_t>{1, 1}));
    QCOMPARE(e.shortcut[0].stride, (std::vector<int64_t>{stride, stride}));
    QCOMPARE(e.shortcut[1].type, cleave::LayerType::BatchNorm2d);
  }
  QCOMPARE(e.after_add.size(), size_t{1});
  QCOMPARE(e.after_add[0].type, cleave::LayerType::ReLU);
}

void TstModelSpec::invertedResidualStructure_data() {
  QTest::addColumn<int64_t>("in_channels");
  QTest::addColumn<int64_t>("out_channels");
  QTest::addColumn<int64_t>("stride");
  QTest::addColumn<int64_t>("expand");
  QTest::addColumn<bool>("residual");
  QTest::addRow("t1 no expand") << int64_t{32} << int64_t{16} << int64_t{1} << int64_t{1} << false;
  QTest::addRow("t6 residual") << int64_t{24} << int64_t{24} << int64_t{1} << int64_t{6} << true;
  QTest::addRow("t6 strided") << int64_t{24} << int64_t{24} << int64_t{2} << int64_t{6} << false;
}

void TstModelSpec::invertedResidualStructure() {
  QFETCH(int64_t, in_channels);
  QFETCH(int64_t, out_channels);
  QFETCH(int64_t, stride);
  QFETCH(int64_t, expand);
  QFETCH(bool, residual);
  cleave::LayerSpec block;
  block.name = "ir";
  block.type = cleave::LayerType::InvertedResidual;
  block.out_channels = out_channels;
  block.stride = {stride, stride};
  block.expand_ratio = expand;
  const auto e = cleave::expandBlock(block, in_channels);
  QCOMPARE(e.residual, residual);
  QVERIFY(e.shortcut.empty());
  QVERIFY(e.after_add.empty());
  QCOMPARE(e.main.size(), expand == 1 ? size_t{5} : size_t{8});
  const auto& dw = e.main[expand == 1 ? 0 : 3];
  QCOMPARE(dw.groups, in_channels * expand);  // depthwise
  QCOMPARE(dw.out_channels, in_channels * expand);
  QCOMPARE(dw.stride, (std::vector<int64_t>{stride, stride}));
  QCOMPARE(e.main[expand == 1 ? 2 : 5].type, cleave::LayerType::ReLU6);
  QCOMPARE(e.main.back().type, cleave::LayerType::BatchNorm2d);  // no activation after project
  QCOMPARE(e.main[e.main.size() - 2].out_channels, out_channels);
}

QTEST_APPLESS_MAIN(TstModelSpec)
#include "tst_model_spec.moc"
