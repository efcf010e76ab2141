// Early-exit inference and evaluation: normalised softmax entropy decides where a sample leaves.
#include <torch/torch.h>

#include <cmath>

#include "core/train/network_impl.h"

namespace cleave {

namespace {

// H(p) / log(C) per row: 0 = certain, 1 = uniform.
torch::Tensor normalisedEntropy(const torch::Tensor& logits) {
  const torch::Tensor logp = torch::log_softmax(logits, 1);
  const torch::Tensor h = -(logp.exp() * logp).sum(1);
  return h / std::log(static_cast<double>(logits.size(1)));
}

}  // namespace

EdgeInference Network::inferEdge(const Tensor& inputs, double threshold) {
  Impl& d = *m_impl;
  if (d.first != 0) throw std::logic_error("inferEdge needs a network that starts at layer 0");
  torch::NoGradGuard no_grad;
  d.setTraining(false);
  std::vector<std::pair<const Impl::Head*, torch::Tensor>> exits;
  const torch::Tensor act = d.run(d.checkedInput(inputs, 0), 0, d.last, &exits);

  const int64_t n = inputs.shape[0];
  EdgeInference out;
  out.exit_index.assign(static_cast<size_t>(n), -1);
  out.prediction.assign(static_cast<size_t>(n), -1);
  out.entropy.assign(static_cast<size_t>(n), 0.0f);
  for (const auto& [head, logits] : exits) {
    const torch::Tensor h = normalisedEntropy(logits).contiguous();
    const torch::Tensor pred = logits.argmax(1).contiguous();
    const float* hp = h.data_ptr<float>();
    const int64_t* pp = pred.data_ptr<int64_t>();
    for (int64_t i = 0; i < n; ++i) {
      const auto k = static_cast<size_t>(i);
      if (out.exit_index[k] >= 0) continue;  // already answered by an earlier exit
      out.entropy[k] = hp[i];
      if (hp[i] < threshold) {
        out.exit_index[k] = head->exit_index;
        out.prediction[k] = pp[i];
      }
    }
  }
  for (int64_t i = 0; i < n; ++i) {
    if (out.exit_index[static_cast<size_t>(i)] < 0) out.pending_rows.push_back(i);
  }
  if (!out.pending_rows.empty()) {
    const torch::Tensor rows = torch::tensor(out.pending_rows, torch::kInt64);
    out.pending_activation = detail::toPlain(act.index_select(0, rows));
  }
  return out;
}

std::vector<int64_t> Network::inferFrom(int start, const Tensor& activation) {
  Impl& d = *m_impl;
  torch::NoGradGuard no_grad;
  d.setTraining(false);
  const torch::Tensor pred =
      d.run(d.checkedInput(activation, start), start, d.last, nullptr).argmax(1).contiguous();
  return std::vector<int64_t>(pred.data_ptr<int64_t>(), pred.data_ptr<int64_t>() + pred.numel());
}

Evaluation Network::evaluate(const Dataset& data, double threshold, int64_t batch_size) {
  Impl& d = *m_impl;
  if (d.first != 0 || d.last != d.spec.layerCount()) {
    throw std::logic_error("evaluate needs the whole model");
  }
  torch::NoGradGuard no_grad;
  d.setTraining(false);

  const size_t heads = d.heads.size();
  std::vector<int64_t> head_correct(heads + 1, 0);  // every sample through each head; last = final
  std::vector<int64_t> answered(heads + 1, 0);      // under the early-exit policy
  std::vector<int64_t> answered_correct(heads + 1, 0);
  double loss_sum = 0;

  for (int64_t first = 0; first < data.size(); first += batch_size) {
    const Batch batch = data.slice(first, batch_size);
    const torch::Tensor labels = detail::asTorchLabels(batch.labels);
    std::vector<std::pair<const Impl::Head*, torch::Tensor>> exits;
    const torch::Tensor logits = d.run(d.checkedInput(batch.inputs, 0), 0, d.last, &exits);
    loss_sum += torch::nn::functional::cross_entropy(logits, labels).item<double>() *
                static_cast<double>(batch.size());

    // Column j = head j (exits in order, then final): correctness and confidence per sample.
    std::vector<torch::Tensor> correct_cols;
    std::vector<torch::Tensor> confident_cols;
    for (const auto& [head, exit_logits] : exits) {
      correct_cols.push_back(exit_logits.argmax(1).eq(labels));
      confident_cols.push_back(normalisedEntropy(exit_logits).lt(threshold));
    }
    correct_cols.push_back(logits.argmax(1).eq(labels));
    confident_cols.push_back(
        torch::ones_like(correct_cols.back()));  // the final head always answers
    const torch::Tensor correct = torch::stack(correct_cols, 1).contiguous();
    const torch::Tensor confident = torch::stack(confident_cols, 1).contiguous();
    const bool* cp = correct.data_ptr<bool>();
    const bool* fp = confident.data_ptr<bool>();
    const auto cols = static_cast<size_t>(correct.size(1));
    for (int64_t i = 0; i < batch.size(); ++i) {
      const bool* crow = cp + static_cast<size_t>(i) * cols;
      const bool* frow = fp + static_cast<size_t>(i) * cols;
      size_t taken = cols - 1;
      for (size_t j = 0; j < cols; ++j) {
        head_correct[j] += crow[j];
        if (taken == cols - 1 && j + 1 < cols && frow[j]) taken = j;
      }
      answered[taken] += 1;
      answered_correct[taken] += crow[taken];
    }
  }

  Evaluation ev;
  ev.samples = data.size();
  ev.threshold = threshold;
  const auto n = static_cast<double>(std::max<int64_t>(1, ev.samples));
  ev.loss = loss_sum / n;
  int64_t policy_correct = 0;
  for (size_t j = 0; j <= heads; ++j) {
    ExitAccuracy e;
    e.name = j < heads ? d.spec.exits[static_cast<size_t>(d.heads[j].exit_index)].name : "final";
    e.accuracy = static_cast<double>(head_correct[j]) / n;
    e.exit_rate = static_cast<double>(answered[j]) / n;
    e.policy_accuracy =
        answered[j] ? static_cast<double>(answered_correct[j]) / static_cast<double>(answered[j])
                    : 0;
    policy_correct += answered_correct[j];
    if (j < heads) ev.early_exit_rate += e.exit_rate;
    ev.exits.push_back(e);
  }
  ev.final_accuracy = ev.exits.back().accuracy;
  ev.policy_accuracy = static_cast<double>(policy_correct) / n;
  return ev;
}

}  // namespace cleave
