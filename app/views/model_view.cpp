#include "app/views/model_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "app/plots/cost_graph.h"
#include "app/views/device_combo.h"

namespace cleave::studio {

ModelView::ModelView(QWidget* parent) : QWidget(parent) {
  m_device = new QComboBox(this);
  m_device->setMinimumContentsLength(16);
  m_graph = new CostGraph(this);
  m_graph->setToolTip(tr("Drag the red line (or use ← →) to move the split; release to apply"));
  m_layers = new QTableView(this);
  m_layers->verticalHeader()->hide();
  m_layers->setAlternatingRowColors(true);
  m_layers->horizontalHeader()->setStretchLastSection(true);
  m_layers->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_summary = new QLabel(this);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_apply_all = new QPushButton(tr("Apply this cut to all devices"), this);
  m_fastest = new QPushButton(tr("Fastest per device"), this);
  m_fastest->setToolTip(tr("Let the cloud pick each device's fastest cut every round"));
  m_in_step = new QPushButton(tr("In step"), this);
  m_in_step->setToolTip(tr("Let the cloud pick cuts so that all devices finish together"));

  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Costs for:"), this));
  bar->addWidget(m_device);
  bar->addSpacing(12);
  bar->addWidget(m_summary, 1);
  bar->addWidget(m_apply_all);
  bar->addWidget(m_fastest);
  bar->addWidget(m_in_step);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_graph);
  split->addWidget(m_layers);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(split, 1);

  m_device->addItem(tr("All devices (slowest)"), QString());
  connect(m_device, &QComboBox::currentIndexChanged, this,
          [this] { emit deviceSelected(selectedDevice()); });
  connect(m_graph, &CostGraph::splitDragged, this, &ModelView::splitDragged);
  connect(m_graph, &CostGraph::splitReleased, this, [this](int cut) {
    if (m_commands) emit cutChosen(cut, selectedDevice().isEmpty());
  });
  connect(m_apply_all, &QPushButton::clicked, this, [this] {
    if (m_graph->currentCut() >= 0) emit cutChosen(m_graph->currentCut(), true);
  });
  connect(m_fastest, &QPushButton::clicked, this, &ModelView::fastestChosen);
  connect(m_in_step, &QPushButton::clicked, this, &ModelView::inStepChosen);
}

void ModelView::setLayerModel(QAbstractItemModel* model) {
  m_layers->setModel(model);
}

void ModelView::setDevices(const QStringList& devices) {
  const bool had_device = !selectedDevice().isEmpty();
  if (!replaceDeviceItems(m_device, devices) && had_device) emit deviceSelected(selectedDevice());
}

QString ModelView::selectedDevice() const {
  return m_device->currentData().toString();
}

void ModelView::setGraph(const CostGraphData& graph_data) {
  if (!m_graph->isDragging())
    m_graph->setData(graph_data);  // never yank the line from the operator
}

void ModelView::setPlanSummary(const QString& text) {
  m_summary->setText(text);
}

void ModelView::setCommandsEnabled(bool enabled) {
  m_commands = enabled;
  for (QPushButton* b : {m_apply_all, m_fastest, m_in_step})
    b->setEnabled(enabled);
}

}  // namespace cleave::studio
