#include "app/views/round_controls.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>

namespace cleave::studio {

namespace {

QSpinBox* spin(int lo, int hi, int value, const QString& suffix, QWidget* parent) {
  auto* s = new QSpinBox(parent);
  s->setRange(lo, hi);
  s->setValue(value);
  s->setSuffix(suffix);
  return s;
}

}  // namespace

RoundControls::RoundControls(QWidget* parent) : QWidget(parent) {
  m_start = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Start"), this);
  m_start->setToolTip(tr("Start or continue rounds with these settings (Ctrl+R)"));
  m_pause = new QPushButton(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"), this);
  m_pause->setToolTip(tr("Finish the current round, then wait (Ctrl+P)"));
  m_stop = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"), this);
  m_stop->setToolTip(tr("Close the current round and end the session"));

  m_rounds = spin(1, 100000, 10, QString(), this);
  m_steps = spin(1, 100000, 20, QString(), this);
  m_batch = spin(1, 4096, 32, QString(), this);
  m_lr = new QDoubleSpinBox(this);
  m_lr->setDecimals(4);
  m_lr->setRange(0.0001, 10);
  m_lr->setSingleStep(0.005);
  m_lr->setValue(0.05);
  m_fedavg = spin(1, 1000, 5, QString(), this);
  m_deadline = spin(0, 3'600'000, 0, tr(" ms"), this);
  m_deadline->setSpecialValueText(tr("automatic"));
  m_codec = new QComboBox(this);
  m_codec->addItem(tr("fp32 (exact)"), int(net::TensorCodec::Fp32));
  m_codec->addItem(tr("fp16 (half the bytes)"), int(net::TensorCodec::Fp16));
  m_codec->addItem(tr("int8 (a quarter)"), int(net::TensorCodec::Int8));

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_start);
  buttons->addWidget(m_pause);
  buttons->addWidget(m_stop);
  auto* form = new QFormLayout(this);
  form->addRow(buttons);
  form->addRow(tr("Rounds:"), m_rounds);
  form->addRow(tr("Steps per round:"), m_steps);
  form->addRow(tr("Batch:"), m_batch);
  form->addRow(tr("Learning rate:"), m_lr);
  form->addRow(tr("FedAvg every:"), m_fedavg);
  form->addRow(tr("Deadline:"), m_deadline);
  form->addRow(tr("Split codec:"), m_codec);

  connect(m_start, &QPushButton::clicked, this, [this] {
    net::Command c;
    c.kind = net::CommandKind::StartRounds;
    c.settings = settings();
    emit commandRequested(c);
  });
  connect(m_pause, &QPushButton::clicked, this, [this] {
    net::Command c;
    c.kind = net::CommandKind::PauseRounds;
    emit commandRequested(c);
  });
  connect(m_stop, &QPushButton::clicked, this, [this] {
    net::Command c;
    c.kind = net::CommandKind::StopRounds;
    emit commandRequested(c);
  });
}

net::RoundSettings RoundControls::settings() const {
  net::RoundSettings s;
  s.rounds = uint32_t(m_rounds->value());
  s.steps = uint32_t(m_steps->value());
  s.batch = uint32_t(m_batch->value());
  s.learning_rate = m_lr->value();
  s.fedavg_every = uint32_t(m_fedavg->value());
  s.deadline_ms = m_deadline->value();
  s.codec = net::TensorCodec(m_codec->currentData().toInt());
  return s;
}

void RoundControls::showSettings(const net::RoundSettings& s) {
  const QSignalBlocker blockers[] = {QSignalBlocker(m_rounds), QSignalBlocker(m_steps),
                                     QSignalBlocker(m_batch),  QSignalBlocker(m_lr),
                                     QSignalBlocker(m_fedavg), QSignalBlocker(m_deadline),
                                     QSignalBlocker(m_codec)};
  if (s.rounds) m_rounds->setValue(int(s.rounds));
  if (s.steps) m_steps->setValue(int(s.steps));
  if (s.batch) m_batch->setValue(int(s.batch));
  if (s.learning_rate > 0) m_lr->setValue(s.learning_rate);
  if (s.fedavg_every) m_fedavg->setValue(int(s.fedavg_every));
  m_deadline->setValue(int(s.deadline_ms));
  m_codec->setCurrentIndex(std::max(0, m_codec->findData(int(s.codec))));
}

void RoundControls::setCommandsEnabled(bool enabled) {
  for (QWidget* w : std::initializer_list<QWidget*>{m_start, m_pause, m_stop, m_rounds, m_steps,
                                                    m_batch, m_lr, m_fedavg, m_deadline, m_codec})
    w->setEnabled(enabled);
}

}  // namespace cleave::studio
