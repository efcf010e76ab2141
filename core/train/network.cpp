// Network construction, split-step training and weight exchange (libtorch autograd).
#include <torch/torch.h>

#include "core/train/network_impl.h"

namespace cleave {

namespace F = torch::nn::functional;

Network::Impl::Impl(const ModelSpec& s, int f, int l, const TrainOptions& o)
    : spec(s), first(f), last(l), options(o), shapes(inferTrunkShapes(s)) {
  if (first < 0 || last > spec.layerCount() || first > last) {
    throw std::invalid_argument(spec.name + ": layer range [" + std::to_string(first) + ", " +
                                std::to_string(last) + ") is outside the model's " +
                                std::to_string(spec.layerCount()) + " layers");
  }
  torch::manual_seed(options.seed);  // identical initial weights on every replica with one seed
  for (int i = first; i < last; ++i) {
    const LayerSpec& ls = spec.layers[static_cast<size_t>(i)];
    layers.push_back(detail::buildLayer(ls, inputShapeOf(i), spec.name));
    root->register_module("L" + std::to_string(i), layers.back().ptr());
  }
  for (size_t e = 0; e < spec.exits.size(); ++e) {
    const ExitSpec& x = spec.exits[e];
    if (x.after_index < first || x.after_index >= last) continue;
    auto module = detail::buildHead(x, shapes[static_cast<size_t>(x.after_index)], spec.name);
    root->register_module("exit_" + x.name, module);
    heads.push_back({static_cast<int>(e), x.after_index, x.weight, module});
  }

  // Name every tensor by trunk layer so replicas with different cuts can be averaged.
  auto collect = [&](const std::string& prefix, int layer, const torch::nn::Module& m) {
    for (const auto& p : m.named_parameters())
      slots.push_back({prefix + p.key(), layer, p.value(), true});
    for (const auto& b : m.named_buffers()) {
      if (b.value().is_floating_point())
        slots.push_back({prefix + b.key(), layer, b.value(), false});
    }
  };
  for (int i = first; i < last; ++i) {
    collect("L" + std::to_string(i) + ".", i, *layers[static_cast<size_t>(i - first)].ptr());
  }
  for (const auto& h : heads) {
    collect("exit." + spec.exits[static_cast<size_t>(h.exit_index)].name + ".", h.after, *h.module);
  }

  optimizer = std::make_unique<torch::optim::SGD>(root->parameters(),
                                                  torch::optim::SGDOptions(options.learning_rate)
                                                      .momentum(options.momentum)
                                                      .weight_decay(options.weight_decay));
}

const Shape& Network::Impl::inputShapeOf(int layer) const {
  return layer == 0 ? spec.input_shape : shapes[static_cast<size_t>(layer - 1)];
}

torch::Tensor Network::Impl::checkedInput(const Tensor& t, int start) const {
  const Shape& want = inputShapeOf(start);
  if (t.shape.size() != want.size() + 1 ||
      !std::equal(want.begin(), want.end(), t.shape.begin() + 1)) {
    throw std::invalid_argument(spec.name + ": input to layer " + std::to_string(start) +
                                " must be [N, " + shapeToString(want).substr(1) + ", got " +
                                shapeToString(t.shape));
  }
  return detail::asTorch(t);
}

torch::Tensor Network::Impl::run(torch::Tensor x, int a, int b,
                                 std::vector<std::pair<const Head*, torch::Tensor>>* exits) {
  auto head = heads.begin();
  while (head != heads.end() && head->after < a)
    ++head;
  for (int i = a; i < b; ++i) {
    x = layers[static_cast<size_t>(i - first)].forward(x);
    for (; head != heads.end() && head->after == i; ++head) {
      if (exits) exits->emplace_back(&*head, head->module->forward(x));
    }
  }
  return x;
}

void Network::Impl::setTraining(bool on) {
  root->train(on);
}

namespace {

ExitStats statsFor(const std::string& name, const torch::Tensor& logits,
                   const torch::Tensor& labels, const torch::Tensor& loss) {
  ExitStats s;
  s.name = name;
  s.loss = loss.item<double>();
  s.correct = logits.argmax(1).eq(labels).sum().item<int64_t>();
  s.total = labels.size(0);
  return s;
}

}  // namespace

Network::Network(const ModelSpec& spec, int first, int last, const TrainOptions& options)
    : m_impl(std::make_unique<Impl>(spec, first, last, options)) {}
Network::~Network() = default;
Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;

int Network::firstLayer() const {
  return m_impl->first;
}
int Network::lastLayer() const {
  return m_impl->last;
}
const ModelSpec& Network::spec() const {
  return m_impl->spec;
}

EdgeForward Network::edgeForward(const Batch& batch) {
  Impl& d = *m_impl;
  if (d.first != 0) throw std::logic_error("edgeForward needs a network that starts at layer 0");
  d.setTraining(true);
  d.root->zero_grad(/*set_to_none=*/true);  // untouched layers must not be moved by decay/momentum
  // Copies, not views: autograd keeps both until edgeBackward, when the caller's batch may be gone.
  const torch::Tensor x = d.checkedInput(batch.inputs, 0).clone();
  const torch::Tensor labels = detail::asTorchLabels(batch.labels).clone();

  std::vector<std::pair<const Impl::Head*, torch::Tensor>> exits;
  d.pending_activation = d.run(x, 0, d.last, &exits);
  d.pending_exit_loss = torch::Tensor();

  EdgeForward out;
  for (const auto& [head, logits] : exits) {
    torch::Tensor loss = F::cross_entropy(logits, labels);
    const auto weighted = loss * head->weight;
    d.pending_exit_loss = d.pending_exit_loss.defined() ? d.pending_exit_loss + weighted : weighted;
    out.exits.push_back(
        statsFor(d.spec.exits[static_cast<size_t>(head->exit_index)].name, logits, labels, loss));
  }
  out.activation = detail::toPlain(d.pending_activation);
  return out;
}

void Network::edgeBackward(const Tensor& activation_grad) {
  Impl& d = *m_impl;
  if (!d.pending_activation.defined()) throw std::logic_error("edgeBackward without edgeForward");
  if (d.last > 0) {
    if (activation_grad.shape != d.pending_activation.sizes().vec()) {
      throw std::invalid_argument(d.spec.name + ": activation gradient " +
                                  shapeToString(activation_grad.shape) + " does not match the " +
                                  "activation " +
                                  shapeToString(d.pending_activation.sizes().vec()));
    }
    std::vector<torch::Tensor> roots{d.pending_activation};
    std::vector<torch::Tensor> grads{detail::asTorch(activation_grad)};
    if (d.pending_exit_loss.defined()) {
      roots.push_back(d.pending_exit_loss);
      grads.push_back(torch::ones_like(d.pending_exit_loss));
    }
    torch::autograd::backward(roots, grads);  // exit losses and cloud gradient in one pass
    d.optimizer->step();
  }
  d.pending_activation = torch::Tensor();
  d.pending_exit_loss = torch::Tensor();
}

CloudStep Network::cloudStep(int start, const Tensor& activation,
                             std::span<const int64_t> labels_in) {
  Impl& d = *m_impl;
  if (start < d.first || start >= d.last) {
    throw std::invalid_argument(d.spec.name + ": cloud step from layer " + std::to_string(start) +
                                " outside the held layers [" + std::to_string(d.first) + ", " +
                                std::to_string(d.last) + ")");
  }
  if (activation.shape.empty() || activation.shape[0] != static_cast<int64_t>(labels_in.size())) {
    throw std::invalid_argument(d.spec.name + ": " + std::to_string(labels_in.size()) +
                                " labels for an activation " + shapeToString(activation.shape));
  }
  d.setTraining(true);
  d.root->zero_grad(/*set_to_none=*/true);
  torch::Tensor x = d.checkedInput(activation, start);
  const bool split = start > 0;  // raw inputs need no gradient
  if (split) x = x.detach().requires_grad_(true);
  const torch::Tensor labels = detail::asTorchLabels(labels_in);
  if (labels.numel() > 0 &&
      (labels.min().item<int64_t>() < 0 || labels.max().item<int64_t>() >= d.spec.num_classes)) {
    throw std::invalid_argument(d.spec.name + ": label outside [0, " +
                                std::to_string(d.spec.num_classes) + ")");
  }

  std::vector<std::pair<const Impl::Head*, torch::Tensor>> exits;
  const torch::Tensor logits = d.run(x, start, d.last, &exits);
  const torch::Tensor loss = F::cross_entropy(logits, labels);
  torch::Tensor total = loss;
  CloudStep out;
  for (const auto& [head, exit_logits] : exits) {
    torch::Tensor exit_loss = F::cross_entropy(exit_logits, labels);
    total = total + exit_loss * head->weight;
    out.exits.push_back(statsFor(d.spec.exits[static_cast<size_t>(head->exit_index)].name,
                                 exit_logits, labels, exit_loss));
  }
  total.backward();
  d.optimizer->step();

  const ExitStats final_stats = statsFor("final", logits, labels, loss);
  out.loss = final_stats.loss;
  out.correct = final_stats.correct;
  if (split) out.activation_grad = detail::toPlain(x.grad());
  return out;
}

Weights Network::weights() const {
  Weights out;
  out.reserve(m_impl->slots.size());
  for (const auto& s : m_impl->slots)
    out.push_back({s.name, s.layer, detail::toPlain(s.tensor)});
  return out;
}

void Network::loadWeights(const Weights& weights) {
  torch::NoGradGuard no_grad;
  for (auto& s : m_impl->slots) {
    const WeightEntry* e = findWeight(weights, s.name);
    if (!e) continue;
    if (e->value.shape != s.tensor.sizes().vec()) {
      throw std::invalid_argument(m_impl->spec.name + ": weight '" + s.name + "' is " +
                                  shapeToString(s.tensor.sizes().vec()) + ", got " +
                                  shapeToString(e->value.shape));
    }
    s.tensor.copy_(detail::asTorch(e->value));
  }
}

Weights Network::gradients() const {
  Weights out;
  for (const auto& s : m_impl->slots) {
    if (!s.parameter) continue;
    const torch::Tensor& g = s.tensor.grad();
    out.push_back(
        {s.name, s.layer, detail::toPlain(g.defined() ? g : torch::zeros_like(s.tensor))});
  }
  return out;
}

void Network::setLearningRate(double lr) {
  for (auto& group : m_impl->optimizer->param_groups()) {
    static_cast<torch::optim::SGDOptions&>(group.options()).lr(lr);
  }
}

}  // namespace cleave
