#include "app/plots/topology_view.h"

#include <QHelpEvent>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "app/plots/plot_style.h"

namespace cleave::studio {

namespace {
constexpr double kMargin = 12;
constexpr double kLegendHeight = 24;
constexpr QSizeF kCloudSize(128, 56);
constexpr double kSiteHeight = 30;
constexpr double kTierGap = 34;
// A device drawn as a node with its name needs this much room; less and the fleet becomes a grid.
constexpr double kNodePitchX = 84, kNodePitchY = 64;
constexpr double kNodeDiameter = 26;
constexpr double kMaxCell = 22;
}  // namespace

TopologyView::TopologyView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(240, 200);
  setMouseTracking(false);
}

void TopologyView::setNodes(std::vector<TopologyNode> nodes) {
  m_nodes = std::move(nodes);
  m_byName.clear();
  for (size_t i = 0; i < m_nodes.size(); ++i)
    m_byName.insert(QString::fromStdString(m_nodes[i].name), i);
  std::vector<double> delays;
  for (const TopologyNode& n : m_nodes)
    if (n.online && n.delay_ms >= 0 && std::isfinite(n.delay_ms)) delays.push_back(n.delay_ms);
  m_median = 0;
  if (!delays.empty()) {
    std::nth_element(delays.begin(),
                     delays.begin() + static_cast<std::ptrdiff_t>(delays.size() / 2), delays.end());
    m_median = delays[delays.size() / 2];
  }
  layoutNodes();
  update();
}

void TopologyView::setDelayScale(double good_ms, double bad_ms) {
  if (!(good_ms >= 0) || !(bad_ms > good_ms))
    throw std::invalid_argument("TopologyView::setDelayScale: need 0 <= good_ms < bad_ms");
  m_good = good_ms;
  m_bad = bad_ms;
  update();
}

void TopologyView::clearDelayScale() {
  m_good = m_bad = -1;
  update();
}

std::pair<double, double> TopologyView::scale() const {
  if (m_good >= 0) return {m_good, m_bad};
  if (m_median > 0) return {m_median, 2 * m_median};
  return {0, 1};
}

QColor TopologyView::colorFor(const TopologyNode& node) const {
  if (!node.online) return plotstyle::offlineColor(palette());
  if (node.delay_ms < 0 || !std::isfinite(node.delay_ms)) return palette().color(QPalette::Mid);
  const auto [good, bad] = scale();
  return plotstyle::delayColor((node.delay_ms - good) / (bad - good));
}

QRectF TopologyView::nodeRect(const QString& device) const {
  auto it = m_byName.constFind(device);
  return it == m_byName.constEnd() || *it >= m_rects.size() ? QRectF() : m_rects[*it];
}

QString TopologyView::deviceAt(QPointF pos) const {
  for (size_t i = 0; i < m_rects.size(); ++i) {
    // Small nodes get a couple of pixels of slack so they stay clickable.
    const QRectF hit = m_grid ? m_rects[i] : m_rects[i].adjusted(-3, -3, 3, 3);
    if (hit.contains(pos)) return QString::fromStdString(m_nodes[i].name);
  }
  return {};
}

void TopologyView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  layoutNodes();
}

void TopologyView::layoutNodes() {
  m_rects.assign(m_nodes.size(), QRectF());
  m_groups.clear();
  const QRectF all = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin - kLegendHeight);
  m_cloud = QRectF(QPointF(all.center().x() - kCloudSize.width() / 2, all.top()), kCloudSize);

  // Sites in first-seen order; devices without one hang under the cloud directly.
  std::map<std::string, size_t> siteIndex;
  m_hasSites = false;
  for (size_t i = 0; i < m_nodes.size(); ++i) {
    const std::string& g = m_nodes[i].group;
    if (!g.empty()) m_hasSites = true;
    auto [it, inserted] = siteIndex.emplace(g, m_groups.size());
    if (inserted) m_groups.push_back(Group{QString::fromStdString(g), {}, {}, {}});
    m_groups[it->second].devices.push_back(i);
  }
  if (m_groups.empty()) return;

  double top = m_cloud.bottom() + kTierGap;
  if (m_hasSites) top += kSiteHeight + kTierGap;
  const double width = all.width();
  const double height = std::max(10.0, all.bottom() - top);

  // Columns proportional to device count, at least wide enough for a site label.
  const double total = static_cast<double>(m_nodes.size());
  double x = all.left();
  for (Group& g : m_groups) {
    const double share = width * static_cast<double>(g.devices.size()) / total;
    g.area = QRectF(x, top, share, height);
    if (m_hasSites) {
      const double w = std::min(share - 6, 120.0);
      g.rect =
          QRectF(x + share / 2 - w / 2, m_cloud.bottom() + kTierGap, std::max(w, 8.0), kSiteHeight);
    }
    x += share;
  }

  // Named nodes when every site's devices fit at full size; otherwise a grid of cells.
  m_grid = false;
  for (const Group& g : m_groups) {
    const int cols = std::max(1, static_cast<int>(g.area.width() / kNodePitchX));
    const int rows = (static_cast<int>(g.devices.size()) + cols - 1) / cols;
    if (rows * kNodePitchY > g.area.height()) m_grid = true;
  }

  for (Group& g : m_groups) {
    const int k = static_cast<int>(g.devices.size());
    if (!m_grid) {
      const int cols = std::min(k, std::max(1, static_cast<int>(g.area.width() / kNodePitchX)));
      const int rows = (k + cols - 1) / cols;
      // Spare height goes into longer links (the tiers read better apart), up to a limit.
      const double spare = g.area.height() - rows * kNodePitchY;
      g.area.moveTop(g.area.top() + std::clamp(spare / 2, 0.0, 70.0));
      const double pitchX = g.area.width() / cols;
      for (int i = 0; i < k; ++i) {
        const int r = i / cols, c = i % cols;
        // The last row is centred under the others.
        const int inRow = r == rows - 1 ? k - r * cols : cols;
        const double offset = (cols - inRow) * pitchX / 2;
        const QPointF centre(g.area.left() + offset + (c + 0.5) * pitchX,
                             g.area.top() + kNodeDiameter / 2 + r * kNodePitchY);
        m_rects[g.devices[static_cast<size_t>(i)]] =
            QRectF(centre.x() - kNodeDiameter / 2, centre.y() - kNodeDiameter / 2, kNodeDiameter,
                   kNodeDiameter);
      }
    } else {
      // Largest square cell with which k cells fit in the area.
      const QRectF area = g.area.adjusted(3, 3, -3, -3);
      double cell = std::min(kMaxCell, std::sqrt(area.width() * area.height() / std::max(k, 1)));
      int cols = 1;
      while (cell > 2) {
        cols = std::max(1, static_cast<int>(area.width() / cell));
        if (std::ceil(static_cast<double>(k) / cols) * cell <= area.height()) break;
        cell -= 0.5;
      }
      const double gap = cell >= 8 ? 2 : cell >= 4 ? 1 : 0;
      const int used = std::min(k, cols);
      const double left = area.center().x() - used * cell / 2;
      for (int i = 0; i < k; ++i) {
        const int r = i / cols, c = i % cols;
        m_rects[g.devices[static_cast<size_t>(i)]] =
            QRectF(left + c * cell, area.top() + r * cell, cell - gap, cell - gap);
      }
      const int rows = (k + cols - 1) / cols;
      g.area = QRectF(left - 3, area.top() - 3, used * cell + 6 - gap, rows * cell + 6 - gap);
    }
  }
}

void TopologyView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette pal = palette();
  p.fillRect(rect(), pal.brush(QPalette::Base));
  const QColor text = pal.color(QPalette::Text);
  QColor link = pal.color(QPalette::Mid);
  if (plotstyle::isDark(pal)) link = link.lighter(130);

  // The cloud: a few overlapping circles.
  QPainterPath cloud;
  const QRectF c = m_cloud;
  cloud.addEllipse(
      QRectF(c.left(), c.top() + c.height() * 0.35, c.width() * 0.42, c.height() * 0.62));
  cloud.addEllipse(QRectF(c.left() + c.width() * 0.2, c.top(), c.width() * 0.45, c.height() * 0.8));
  cloud.addEllipse(QRectF(c.left() + c.width() * 0.48, c.top() + c.height() * 0.12, c.width() * 0.4,
                          c.height() * 0.7));
  cloud.addEllipse(QRectF(c.left() + c.width() * 0.6, c.top() + c.height() * 0.38, c.width() * 0.4,
                          c.height() * 0.6));
  cloud.setFillRule(Qt::WindingFill);  // so simplified() unites the circles into one outline
  cloud = cloud.simplified();
  const QPointF cloudFoot(c.center().x(), c.bottom() - 2);

  // Links first, under the nodes.
  p.setPen(QPen(link, 1.2));
  for (const Group& g : m_groups) {
    QPointF parent = cloudFoot;
    if (m_hasSites && !g.name.isEmpty()) {
      p.drawLine(cloudFoot, QPointF(g.rect.center().x(), g.rect.top()));
      parent = QPointF(g.rect.center().x(), g.rect.bottom());
    }
    if (m_grid) {
      p.drawLine(parent, QPointF(g.area.center().x(), g.area.top()));
    } else {
      for (size_t i : g.devices)
        p.drawLine(parent, QPointF(m_rects[i].center().x(), m_rects[i].top()));
    }
  }

  p.setPen(QPen(text, 1.2));
  p.setBrush(pal.brush(QPalette::AlternateBase));
  p.drawPath(cloud);
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  p.drawText(c.adjusted(0, c.height() * 0.2, 0, 0), Qt::AlignCenter, tr("cloud"));
  p.setFont(font());

  for (const Group& g : m_groups) {
    if (m_hasSites && !g.name.isEmpty()) {
      p.setPen(QPen(text, 1));
      p.setBrush(pal.brush(QPalette::AlternateBase));
      p.drawRoundedRect(g.rect, 5, 5);
      p.drawText(
          g.rect.adjusted(3, 0, -3, 0), Qt::AlignCenter,
          p.fontMetrics().elidedText(g.name, Qt::ElideRight, static_cast<int>(g.rect.width()) - 6));
    }
    if (m_grid) {
      // The aggregate: a frame around the site's cells.
      p.setPen(QPen(link, 1));
      p.setBrush(Qt::NoBrush);
      p.drawRoundedRect(g.area, 4, 4);
    }
  }

  QFont small = font();
  small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
  const QFontMetrics smallMetrics(small);
  for (size_t i = 0; i < m_nodes.size(); ++i) {
    const TopologyNode& n = m_nodes[i];
    const QRectF r = m_rects[i];
    const QColor fill = colorFor(n);
    // Not measured yet: a hollow ring, so it cannot be mistaken for offline grey.
    const bool unmeasured = n.online && !(n.delay_ms >= 0 && std::isfinite(n.delay_ms));
    if (m_grid) {
      p.setPen(unmeasured ? QPen(fill, 1.5) : QPen(Qt::NoPen));
      p.setBrush(unmeasured ? pal.brush(QPalette::Base) : QBrush(fill));
      p.drawRect(unmeasured ? r.adjusted(0.75, 0.75, -0.75, -0.75) : r);
      continue;
    }
    p.setPen(unmeasured ? QPen(fill, 2, Qt::DashLine) : QPen(text, 1));
    p.setBrush(unmeasured ? pal.brush(QPalette::Base) : QBrush(fill));
    p.drawEllipse(r);
    // Name and delay under the node, elided to the room between neighbours.
    const double room = kNodePitchX - 6;
    const QRectF label(r.center().x() - room / 2, r.bottom() + 2, room,
                       smallMetrics.height() * 2 + 2);
    p.setFont(small);
    p.setPen(text);
    const QString name = smallMetrics.elidedText(QString::fromStdString(n.name), Qt::ElideMiddle,
                                                 static_cast<int>(room));
    QString detail;
    if (!n.online)
      detail = tr("offline");
    else if (n.delay_ms >= 0)
      detail = tr("%1 ms").arg(QString::number(n.delay_ms, 'f', n.delay_ms < 100 ? 1 : 0));
    const QString caption = name + QStringLiteral("\n") + detail;
    // Links pass behind the caption: give it the background's colour.
    const QRectF used = p.boundingRect(label, Qt::AlignHCenter | Qt::AlignTop, caption);
    QColor behind = pal.color(QPalette::Base);
    behind.setAlpha(220);
    p.fillRect(used.adjusted(-2, 0, 2, 0), behind);
    p.drawText(label, Qt::AlignHCenter | Qt::AlignTop, caption);
    p.setFont(font());
  }

  // Legend: the colour scale, offline and no-data swatches, and the counts.
  const double y = height() - kMargin - kLegendHeight + 6;
  double x = kMargin;
  p.setFont(small);
  const auto [good, bad] = scale();
  QLinearGradient gradient(x, 0, x + 90, 0);
  gradient.setColorAt(0, plotstyle::delayColor(0));
  gradient.setColorAt(0.5, plotstyle::delayColor(0.5));
  gradient.setColorAt(1, plotstyle::delayColor(1));
  auto ms = [](double v) { return QString::number(v, 'f', v < 100 ? 1 : 0); };
  const QString lowText = m_good >= 0 || m_median > 0 ? tr("≤ %1 ms").arg(ms(good)) : tr("fast");
  const QString highText = m_good >= 0 || m_median > 0 ? tr("≥ %1 ms").arg(ms(bad)) : tr("slow");
  p.setPen(text);
  p.drawText(QPointF(x, y + smallMetrics.ascent()), lowText);
  x += smallMetrics.horizontalAdvance(lowText) + 6;
  p.setPen(Qt::NoPen);
  p.setBrush(gradient);
  gradient.setStart(x, 0);
  gradient.setFinalStop(x + 90, 0);
  p.setBrush(gradient);
  p.drawRect(QRectF(x, y, 90, smallMetrics.height() - 2));
  x += 96;
  p.setPen(text);
  p.drawText(QPointF(x, y + smallMetrics.ascent()), highText);
  x += smallMetrics.horizontalAdvance(highText) + 18;
  auto swatch = [&](const QColor& colour, const QString& label, bool hollow) {
    p.setPen(hollow ? QPen(colour, 1.5) : QPen(Qt::NoPen));
    p.setBrush(hollow ? pal.brush(QPalette::Base) : QBrush(colour));
    p.drawRect(QRectF(x, y + 1, 12, smallMetrics.height() - 4));
    x += 16;
    p.setPen(text);
    p.drawText(QPointF(x, y + smallMetrics.ascent()), label);
    x += smallMetrics.horizontalAdvance(label) + 14;
  };
  swatch(plotstyle::offlineColor(pal), tr("offline"), false);
  swatch(pal.color(QPalette::Mid), tr("no data yet"), true);
  int online = 0;
  for (const TopologyNode& n : m_nodes)
    online += n.online ? 1 : 0;
  p.setPen(text);
  const QString counts = tr("devices: %1 · online: %2").arg(m_nodes.size()).arg(online);
  p.drawText(QRectF(x, y - 2, width() - kMargin - x, smallMetrics.height() + 2),
             Qt::AlignRight | Qt::AlignVCenter, counts);
}

void TopologyView::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    const QString device = deviceAt(event->position());
    if (!device.isEmpty()) {
      emit deviceClicked(device);
      event->accept();
      return;
    }
  }
  QWidget::mousePressEvent(event);
}

bool TopologyView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QString device = deviceAt(help->pos());
    if (device.isEmpty()) {
      QToolTip::hideText();
      event->ignore();
      return true;
    }
    const TopologyNode& n = m_nodes[m_byName.value(device)];
    QString state = !n.online         ? tr("offline")
                    : n.delay_ms >= 0 ? tr("%1 ms").arg(QString::number(n.delay_ms, 'f', 1))
                                      : tr("no delay measured yet");
    QString tip = device + QStringLiteral(" · ") + state;
    if (!n.group.empty()) tip += QStringLiteral(" · ") + QString::fromStdString(n.group);
    QToolTip::showText(help->globalPos(), tip, this);
    return true;
  }
  return QWidget::event(event);
}

}  // namespace cleave::studio
