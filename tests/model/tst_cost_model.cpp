// Cost model: published torchvision figures for the reference models, hand-computed small layers,
// and the invariants every shipped model spec must keep.
#include <QTest>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/model/cost_model.h"

using cleave::Shape;
using nlohmann::json;

Q_DECLARE_METATYPE(Shape)

namespace {

std::filesystem::path modelPath(const QString& file) {
  return std::filesystem::path(CLEAVE_SOURCE_DIR) / "resources" / "models" / file.toStdString();
}

// Parse one layer through a one-layer model (then flatten and a 1-class linear, so any output
// shape is valid) so the parser fills the layer's defaults.
cleave::LayerSpec parseLayer(const QByteArray& text, const Shape& input) {
  json layer = json::parse(text.toStdString());
  layer["name"] = "l";
  json spec = {{"name", "one"}, {"input_shape", input}, {"num_classes", 1}};
  spec["layers"] = {layer,
                    {{"name", "flat"}, {"type", "flatten"}},
                    {{"name", "fc"}, {"type", "linear"}, {"out_features", 1}}};
  return cleave::parseModelSpec(spec.dump(), "layer.json").layers[0];
}

}  // namespace

class TstCostModel : public QObject {
  Q_OBJECT

 private slots:
  void referenceModels_data();
  void referenceModels();
  void shippedModelsKeepInvariants_data();
  void shippedModelsKeepInvariants();
  void smallLayers_data();
  void smallLayers();
  void cameraCnnByHand();
  void factoryCnnByHand();
};

void TstCostModel::referenceModels_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<qint64>("params");
  QTest::addColumn<double>("gmacs");
  // torchvision's model table lists these under "GFLOPS", but the numbers are multiply-adds
  // (MACs), counted over conv and linear layers only; our FLOPs are 2 x these.
  QTest::addRow("alexnet") << "alexnet.json" << qint64{61'100'840} << 0.714;
  QTest::addRow("vgg16") << "vgg16.json" << qint64{138'357'544} << 15.47;
  QTest::addRow("resnet18") << "resnet18.json" << qint64{11'689'512} << 1.814;
  QTest::addRow("mobilenet_v2") << "mobilenet_v2.json" << qint64{3'504'872} << 0.300;
}

void TstCostModel::referenceModels() {
  QFETCH(QString, file);
  QFETCH(qint64, params);
  QFETCH(double, gmacs);
  const auto spec = cleave::loadModelSpec(modelPath(file));
  QCOMPARE(spec.input_shape, (Shape{3, 224, 224}));
  QCOMPARE(spec.num_classes, int64_t{1000});
  const auto table = cleave::computeCosts(spec);
  QCOMPARE(table.total_params, params);
  const double measured = static_cast<double>(table.total_macs) / 1e9;
  QVERIFY2(std::abs(measured - gmacs) <= 0.02 * gmacs,
           qPrintable(QString("%1 GMACs, published %2").arg(measured).arg(gmacs)));
  QCOMPARE(table.total_flops, 2 * table.total_macs);
}

void TstCostModel::shippedModelsKeepInvariants_data() {
  QTest::addColumn<QString>("file");
  for (const char* file : {"camera_cnn.json", "factory_cnn1d.json", "alexnet.json", "vgg16.json",
                           "resnet18.json", "mobilenet_v2.json"}) {
    QTest::addRow("%s", file) << QString(file);
  }
}

void TstCostModel::shippedModelsKeepInvariants() {
  QFETCH(QString, file);
  const auto spec = cleave::loadModelSpec(modelPath(file));
  QCOMPARE(spec.name + ".json", file.toStdString());
  QVERIFY(!spec.description.empty());
  const auto table = cleave::computeCosts(spec);
  const auto shapes = cleave::inferTrunkShapes(spec);
  QCOMPARE(table.model, spec.name);
  QCOMPARE(table.input_bytes, 4 * cleave::numel(spec.input_shape));
  QCOMPARE(table.layers.size(), size_t(spec.layerCount()));
  int64_t params = 0;
  int64_t macs = 0;
  Shape input = spec.input_shape;
  for (size_t i = 0; i < table.layers.size(); ++i) {
    const auto& layer = table.layers[i];
    QCOMPARE(layer.index, int(i));
    QCOMPARE(layer.name, spec.layers[i].name);
    QCOMPARE(layer.input_shape, input);
    QCOMPARE(layer.output_shape, shapes[i]);
    QCOMPARE(layer.activation_bytes, 4 * cleave::numel(shapes[i]));
    QCOMPARE(layer.flops, 2 * layer.macs);
    QVERIFY(layer.params >= 0 && layer.macs >= 0);
    params += layer.params;
    macs += layer.macs;
    input = layer.output_shape;
  }
  QCOMPARE(table.layers.back().output_shape, (Shape{spec.num_classes}));
  QCOMPARE(table.total_params, params);
  QCOMPARE(table.total_macs, macs);
  QCOMPARE(table.total_flops, 2 * macs);
  QCOMPARE(table.exits.size(), spec.exits.size());
  for (size_t e = 0; e < table.exits.size(); ++e) {
    QCOMPARE(table.exits[e].name, spec.exits[e].name);
    QCOMPARE(table.exits[e].after_index, spec.exits[e].after_index);
    QCOMPARE(table.exits[e].flops, 2 * table.exits[e].macs);
    QVERIFY(table.exits[e].params > 0);
  }
}

void TstCostModel::smallLayers_data() {
  QTest::addColumn<QByteArray>("layer");
  QTest::addColumn<Shape>("input");
  QTest::addColumn<qint64>("params");
  QTest::addColumn<qint64>("macs");
  auto add = [](const char* row, const char* layer, Shape input, int64_t params, int64_t macs) {
    QTest::addRow("%s", row) << QByteArray(layer) << input << qint64{params} << qint64{macs};
  };
  // conv: weights out*in/g*k*k (+ out biases); MACs = output elements x (in/g * k*k).
  add("conv2d", R"({"type":"conv2d","out_channels":8,"kernel":3})", {3, 32, 32}, 8 * 3 * 9 + 8,
      (8 * 30 * 30) * (3 * 9));
  add("conv2d no bias", R"({"type":"conv2d","out_channels":8,"kernel":3,"bias":false})",
      {3, 32, 32}, 8 * 3 * 9, (8 * 30 * 30) * (3 * 9));
  add("conv2d depthwise", R"({"type":"conv2d","out_channels":8,"kernel":3,"groups":8})",
      {8, 10, 10}, 8 * 1 * 9 + 8, (8 * 8 * 8) * 9);
  add("conv2d grouped rect",
      R"({"type":"conv2d","out_channels":6,"kernel":[1,3],"groups":2,"padding":[0,1]})", {4, 5, 5},
      6 * 2 * 3 + 6, (6 * 5 * 5) * (2 * 3));
  add("conv1d", R"({"type":"conv1d","out_channels":16,"kernel":7,"stride":2,"padding":3})",
      {3, 1024}, 16 * 3 * 7 + 16, (16 * 512) * (3 * 7));
  add("linear", R"({"type":"linear","out_features":10})", {20}, 20 * 10 + 10, 20 * 10);
  add("linear no bias", R"({"type":"linear","out_features":10,"bias":false})", {20}, 20 * 10,
      20 * 10);
  add("batchnorm2d", R"({"type":"batchnorm2d"})", {6, 4, 4}, 2 * 6, 0);
  add("batchnorm1d", R"({"type":"batchnorm1d"})", {6, 10}, 2 * 6, 0);
  add("maxpool2d", R"({"type":"maxpool2d","kernel":2})", {6, 4, 4}, 0, 0);
  add("adaptive", R"({"type":"adaptive_avgpool2d","output_size":2})", {6, 4, 4}, 0, 0);
  add("relu", R"({"type":"relu"})", {6, 4, 4}, 0, 0);
  add("dropout", R"({"type":"dropout"})", {6}, 0, 0);
  add("flatten", R"({"type":"flatten"})", {6, 4, 4}, 0, 0);
  // basic block 64 -> 128, stride 2 on 56x56: conv3x3 s2, conv3x3, 1x1 s2 projection, 3 bns.
  add("basic_block projection", R"({"type":"basic_block","out_channels":128,"stride":2})",
      {64, 56, 56}, 128 * 64 * 9 + 128 * 128 * 9 + 128 * 64 + 3 * 2 * 128,
      int64_t{128 * 28 * 28} * (64 * 9 + 128 * 9 + 64));
  add("basic_block identity", R"({"type":"basic_block","out_channels":64})", {64, 56, 56},
      2 * (64 * 64 * 9) + 2 * 2 * 64, int64_t{64 * 56 * 56} * (2 * 64 * 9));
  // inverted residual 16 -> 24, t = 6 (hidden 96), stride 2 on 112x112.
  add("inverted_residual t6",
      R"({"type":"inverted_residual","out_channels":24,"stride":2,"expand_ratio":6})",
      {16, 112, 112}, (16 * 96 + 2 * 96) + (96 * 9 + 2 * 96) + (96 * 24 + 2 * 24),
      int64_t{96 * 112 * 112} * 16 + int64_t{96 * 56 * 56} * 9 + int64_t{24 * 56 * 56} * 96);
  // t = 1: no expansion conv.
  add("inverted_residual t1", R"({"type":"inverted_residual","out_channels":16})", {32, 112, 112},
      (32 * 9 + 2 * 32) + (32 * 16 + 2 * 16),
      int64_t{32 * 112 * 112} * 9 + int64_t{16 * 112 * 112} * 32);
}

void TstCostModel::smallLayers() {
  QFETCH(QByteArray, layer);
  QFETCH(Shape, input);
  QFETCH(qint64, params);
  QFETCH(qint64, macs);
  const cleave::LayerSpec parsed = parseLayer(layer, input);
  const auto cost = cleave::layerCost(parsed, input, "layer.json");
  QCOMPARE(cost.params, params);
  QCOMPARE(cost.macs, macs);
  QCOMPARE(cost.flops, 2 * macs);
  QCOMPARE(cost.input_shape, input);
  QCOMPARE(cost.activation_bytes, 4 * cleave::numel(cost.output_shape));
}

void TstCostModel::cameraCnnByHand() {
  const auto table = cleave::computeCosts(cleave::loadModelSpec(modelPath("camera_cnn.json")));
  // 28 -> pool 14 -> pool 7 -> pool 3 (floor); 3x3 convs with padding 1 keep the size.
  const int64_t params = (1 * 9 * 16 + 16) + 2 * 16 + (16 * 9 * 32 + 32) + 2 * 32 +
                         (32 * 9 * 64 + 64) + 2 * 64 + (64 * 3 * 3 * 128 + 128) + (128 * 10 + 10);
  const int64_t macs = (16 * 28 * 28) * (1 * 9) + (32 * 14 * 14) * (16 * 9) +
                       (64 * 7 * 7) * (32 * 9) + 576 * 128 + 128 * 10;
  QCOMPARE(table.total_params, params);
  QCOMPARE(table.total_macs, macs);
  QCOMPARE(table.layers[3].output_shape, (Shape{16, 14, 14}));
  QCOMPARE(table.layers[7].output_shape, (Shape{32, 7, 7}));
  QCOMPARE(table.layers[12].output_shape, (Shape{64 * 3 * 3}));
  QCOMPARE(table.exits.size(), size_t{2});
  QCOMPARE(table.exits[0].name, std::string("local"));  // after pool1 (4x4 pooled, 16 channels)
  QCOMPARE(table.exits[0].params, int64_t{16 * 4 * 4 * 10 + 10});
  QCOMPARE(table.exits[0].macs, int64_t{16 * 4 * 4 * 10});
  QCOMPARE(table.exits[1].name, std::string("edge"));  // after pool2 (2x2 pooled, 32 channels)
  QCOMPARE(table.exits[1].params, int64_t{32 * 2 * 2 * 10 + 10});
}

void TstCostModel::factoryCnnByHand() {
  const auto table = cleave::computeCosts(cleave::loadModelSpec(modelPath("factory_cnn1d.json")));
  // 1024 -> conv s2 512 -> pool 256 -> conv 256 -> pool 128 -> conv 128 -> gap 1.
  const int64_t params = (3 * 7 * 16 + 16) + 2 * 16 + (16 * 5 * 32 + 32) + 2 * 32 +
                         (32 * 3 * 64 + 64) + 2 * 64 + (64 * 5 + 5);
  const int64_t macs =
      (16 * 512) * (3 * 7) + (32 * 256) * (16 * 5) + (64 * 128) * (32 * 3) + 64 * 5;
  QCOMPARE(table.total_params, params);
  QCOMPARE(table.total_macs, macs);
  QCOMPARE(table.exits.size(), size_t{1});
  QCOMPARE(table.exits[0].params, int64_t{16 * 8 * 5 + 5});
}

QTEST_APPLESS_MAIN(TstCostModel)
#include "tst_cost_model.moc"
