#include "app/views/rounds_view.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>

#include "app/plots/round_gantt.h"
#include "app/plots/time_series_plot.h"
#include "app/views/round_controls.h"

namespace cleave::studio {

RoundsView::RoundsView(QWidget* parent) : QWidget(parent) {
  auto* settings_box = new QGroupBox(tr("Rounds"), this);
  m_controls = new RoundControls(settings_box);
  m_status = new QLabel(settings_box);
  m_status->setWordWrap(true);
  auto* settings_layout = new QVBoxLayout(settings_box);
  settings_layout->addWidget(m_controls);
  settings_layout->addWidget(m_status);
  settings_layout->addStretch();

  m_gantt = new RoundGantt(this);
  m_round = new QSlider(Qt::Horizontal, this);
  m_round->setEnabled(false);
  m_round_label = new QLabel(tr("no round yet"), this);
  auto* round_row = new QHBoxLayout;
  round_row->addWidget(new QLabel(tr("Round:"), this));
  round_row->addWidget(m_round, 1);
  round_row->addWidget(m_round_label);
  auto* gantt_box = new QWidget(this);
  auto* gantt_layout = new QVBoxLayout(gantt_box);
  gantt_layout->setContentsMargins(0, 0, 0, 0);
  gantt_layout->addWidget(m_gantt, 1);
  gantt_layout->addLayout(round_row);

  const struct {
    QString title, y;
    bool log;
  } specs[kPlotCount] = {
      {tr("Delay per device"), tr("round time (ms)"), false},
      {tr("Jitter per device"), tr("jitter (ms)"), false},
      {tr("Accuracy per exit"), tr("accuracy (%)"), false},
      {tr("Early-exit rate"), tr("samples exited early (%)"), false},
      {tr("Bytes per round"), tr("bytes"), true},
      {tr("Stragglers"), tr("devices"), false},
  };
  auto* grid_widget = new QWidget(this);
  auto* grid = new QGridLayout(grid_widget);
  grid->setContentsMargins(0, 0, 0, 0);
  for (int i = 0; i < kPlotCount; ++i) {
    m_plots[i] = new TimeSeriesPlot(grid_widget);
    m_plots[i]->setTitle(specs[i].title);
    m_plots[i]->setAxisTitles(tr("session time (s)"), specs[i].y);
    m_plots[i]->setLogY(specs[i].log);
    m_plots[i]->setMinimumSize(260, 170);
    grid->addWidget(m_plots[i], i / 3, i % 3);
  }

  auto* right = new QSplitter(Qt::Vertical, this);
  right->addWidget(gantt_box);
  right->addWidget(grid_widget);
  right->setStretchFactor(0, 2);
  right->setStretchFactor(1, 3);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(settings_box);
  layout->addWidget(right, 1);

  connect(m_round, &QSlider::valueChanged, this, [this](int round) {
    m_follow = round == m_round->maximum();
    m_round_label->setText(tr("%1 of %2").arg(round).arg(m_round->maximum()));
    emit roundChosen(round);
  });
}

QList<TimeSeriesPlot*> RoundsView::plots() const {
  return QList<TimeSeriesPlot*>(std::begin(m_plots), std::end(m_plots));
}

void RoundsView::setRoundRange(int first, int last) {
  if (last < first) {
    m_round->setEnabled(false);
    m_round_label->setText(tr("no round yet"));
    return;
  }
  m_round->setEnabled(true);
  const bool follow = m_follow;
  m_round->setRange(first, last);
  if (follow) {
    m_round->setValue(last);
    m_follow = true;
  }
  m_round_label->setText(tr("%1 of %2").arg(m_round->value()).arg(last));
}

int RoundsView::shownRound() const {
  return m_round->isEnabled() ? m_round->value() : -1;
}

void RoundsView::setStatus(const QString& text) {
  m_status->setText(text);
}

}  // namespace cleave::studio
