<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>Key folder %1 does not exist</source>
        <translation>密钥文件夹 %1 不存在</translation>
    </message>
    <message>
        <source>No operator key in %1: create one with &apos;cleave keygen --out %1 --name studio&apos; and have the cloud&apos;s operator approve it</source>
        <translation>%1 中没有操作员密钥：请用 &apos;cleave keygen --out %1 --name studio&apos; 生成一个，并请云端的操作员批准它</translation>
    </message>
    <message>
        <source>%1 holds several secret keys (%2); keep only this studio&apos;s</source>
        <translation>%1 中有多个私钥（%2）；请只保留本 Studio 的私钥</translation>
    </message>
    <message>
        <source>Cannot derive the events endpoint from &apos;%1&apos;; enter it</source>
        <translation>无法从 &apos;%1&apos; 推导出事件端点；请手动输入</translation>
    </message>
</context>
<context>
    <name>StudioOptions</name>
    <message>
        <source>Cleave studio: plan, run and replay edge-cloud split training.</source>
        <translation>Cleave Studio：规划、运行和回放边缘-云端切分训练。</translation>
    </message>
</context>
<context>
    <name>cleave::studio::CloudLink</name>
    <message>
        <source>SYNC is sent by the link itself</source>
        <translation>SYNC 由链路自行发送</translation>
    </message>
</context>
<context>
    <name>cleave::studio::CloudLinkWorker</name>
    <message>
        <source>the cloud at %1 refused this studio&apos;s key (ZAP status %2): approve its public key on the cloud as an operator named &apos;%3&apos;</source>
        <translation>位于 %1 的云端拒绝了本 Studio 的密钥（ZAP 状态 %2）：请在云端将其公钥批准为名为 &apos;%3&apos; 的操作员</translation>
    </message>
    <message>
        <source>the connection to the cloud was lost before it answered (%1)</source>
        <translation>云端应答之前连接已断开（%1）</translation>
    </message>
    <message>
        <source>could not send the command: %1</source>
        <translation>无法发送命令：%1</translation>
    </message>
    <message>
        <source>no reply from the cloud at %1 for %2 s</source>
        <translation>位于 %1 的云端已 %2 秒无应答</translation>
    </message>
    <message>
        <source>not connected to the cloud at %1: the command was not sent</source>
        <translation>未连接到位于 %1 的云端：命令未发送</translation>
    </message>
</context>
<context>
    <name>cleave::studio::CostGraph</name>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>per layer (ms)</source>
        <translation>每层 (ms)</translation>
    </message>
    <message>
        <source>step time (ms)</source>
        <translation>单步时间 (ms)</translation>
    </message>
    <message>
        <source>bytes per step</source>
        <translation>每步字节数</translation>
    </message>
    <message>
        <source>cut (drag the line: layers left of it run on the edge)</source>
        <translation>切分点（拖动此线：其左侧的层在边缘端运行）</translation>
    </message>
    <message>
        <source>layer on the edge (ms)</source>
        <translation>边缘端的层 (ms)</translation>
    </message>
    <message>
        <source>layer on the cloud (ms)</source>
        <translation>云端的层 (ms)</translation>
    </message>
    <message>
        <source>bytes per step at the cut</source>
        <translation>切分点处每步字节数</translation>
    </message>
    <message>
        <source>predicted step time at the cut (ms)</source>
        <translation>该切分点的预测单步时间 (ms)</translation>
    </message>
    <message>
        <source>cut not feasible</source>
        <translation>切分点不可行</translation>
    </message>
    <message>
        <source>fastest cut</source>
        <translation>最快切分点</translation>
    </message>
    <message>
        <source>edge %1 ms · up %2 · cloud %3 · down %4 = %5 ms</source>
        <translation>边缘 %1 ms · 上行 %2 · 云端 %3 · 下行 %4 = %5 ms</translation>
    </message>
    <message>
        <source>cut %1</source>
        <translation>切分点 %1</translation>
    </message>
    <message>
        <source>No cost data for this device yet.</source>
        <translation>此设备尚无开销数据。</translation>
    </message>
    <message>
        <source>No split selected.</source>
        <translation>未选择切分方式。</translation>
    </message>
    <message>
        <source>all layers on the cloud</source>
        <translation>所有层都在云端</translation>
    </message>
    <message>
        <source>all layers on the edge</source>
        <translation>所有层都在边缘端</translation>
    </message>
    <message>
        <source>layers 1–%1 on the edge, %2–%3 on the cloud</source>
        <translation>第 1–%1 层在边缘端，第 %2–%3 层在云端</translation>
    </message>
    <message>
        <source>Cut %1 (%2): %3 · %4 over the link per step</source>
        <translation>切分点 %1（%2）：%3 · 每步经链路传输 %4</translation>
    </message>
    <message>
        <source>fastest: cut %1 · %2 ms</source>
        <translation>最快：切分点 %1 · %2 ms</translation>
    </message>
</context>
<context>
    <name>cleave::studio::FleetModel</name>
    <message>
        <source>key %1 from %2</source>
        <translation>来自 %2 的密钥 %1</translation>
    </message>
    <message>
        <source>effective rate of the last round: bytes over the measured up/down time</source>
        <translation>上一轮的有效速率：字节数除以实测的上行/下行时间</translation>
    </message>
    <message>
        <source>pending approval</source>
        <translation>等待批准</translation>
    </message>
    <message>
        <source>%1/%2 Mbit/s, %3 ms</source>
        <translation>%1/%2 Mbit/s，%3 ms</translation>
    </message>
    <message>
        <source>%1/%2 Mbit/s</source>
        <translation>%1/%2 Mbit/s</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>CPU cores</source>
        <translation>CPU 核心数</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Link (emulated)</source>
        <translation>链路（模拟）</translation>
    </message>
    <message>
        <source>Measured up/down</source>
        <translation>实测上行/下行</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>切分点</translation>
    </message>
    <message>
        <source>Last delay</source>
        <translation>最近延迟</translation>
    </message>
    <message>
        <source>Exit rate</source>
        <translation>提前退出率</translation>
    </message>
</context>
<context>
    <name>cleave::studio::FleetView</name>
    <message>
        <source>Waiting for approval</source>
        <translation>等待批准</translation>
    </message>
    <message>
        <source>Unknown keys that knocked. Compare the fingerprint with the one the agent printed before approving.</source>
        <translation>请求接入的未知密钥。批准前请将指纹与代理输出的指纹进行核对。</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Link and CPU emulation</source>
        <translation>链路与 CPU 模拟</translation>
    </message>
    <message>
        <source>%1 — fingerprint %2 from %3</source>
        <translation>%1 — 指纹 %2，来自 %3</translation>
    </message>
    <message>
        <source>Approve device</source>
        <translation>批准设备</translation>
    </message>
    <message>
        <source>Name the device was started with (cleave-agent --name):</source>
        <translation>设备启动时使用的名称（cleave-agent --name）：</translation>
    </message>
</context>
<context>
    <name>cleave::studio::FramePreview</name>
    <message>
        <source>No frame yet</source>
        <translation>尚无画面</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>class %1 (%2)</source>
        <translation>类别 %1（%2）</translation>
    </message>
    <message>
        <source>no prediction</source>
        <translation>无预测</translation>
    </message>
    <message>
        <source>cloud · %1 · %2 ms</source>
        <translation>云端 · %1 · %2 ms</translation>
    </message>
    <message>
        <source>exit %1 · %2 · %3 ms</source>
        <translation>出口 %1 · %2 · %3 ms</translation>
    </message>
</context>
<context>
    <name>cleave::studio::InferenceView</name>
    <message>
        <source>Early-exit inference</source>
        <translation>提前退出推理</translation>
    </message>
    <message>
        <source>All devices</source>
        <translation>所有设备</translation>
    </message>
    <message>
        <source>A device answers locally when the exit&apos;s normalised entropy is at or below this threshold; higher = more local answers</source>
        <translation>当出口的归一化熵不高于此阈值时，设备在本地给出结果；阈值越高，本地结果越多</translation>
    </message>
    <message>
        <source>Run inference</source>
        <translation>运行推理</translation>
    </message>
    <message>
        <source>Back to training</source>
        <translation>返回训练</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Exit threshold:</source>
        <translation>退出阈值：</translation>
    </message>
    <message>
        <source>No frame yet: put a camera device into inference.</source>
        <translation>尚无画面：请将一台摄像头设备切换到推理模式。</translation>
    </message>
    <message>
        <source>Live frame</source>
        <translation>实时画面</translation>
    </message>
    <message>
        <source>Early-exit rate per device</source>
        <translation>各设备的提前退出率</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>时间 (s)</translation>
    </message>
    <message>
        <source>answered on the edge (%)</source>
        <translation>在边缘端给出结果 (%)</translation>
    </message>
    <message>
        <source>Latency per device</source>
        <translation>各设备的延迟</translation>
    </message>
    <message>
        <source>mean latency (ms)</source>
        <translation>平均延迟 (ms)</translation>
    </message>
</context>
<context>
    <name>cleave::studio::LayerModel</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Edge ms</source>
        <translation>边缘 ms</translation>
    </message>
    <message>
        <source>Cloud ms</source>
        <translation>云端 ms</translation>
    </message>
</context>
<context>
    <name>cleave::studio::LinkEditor</name>
    <message>
        <source>All devices</source>
        <translation>所有设备</translation>
    </message>
    <message>
        <source> Mbit/s</source>
        <translation> Mbit/s</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source> ×</source>
        <translation> ×</translation>
    </message>
    <message>
        <source>How many times slower than this CPU the device computes</source>
        <translation>设备的计算速度比本机 CPU 慢多少倍</translation>
    </message>
    <message>
        <source>Apply link</source>
        <translation>应用链路设置</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Uplink:</source>
        <translation>上行：</translation>
    </message>
    <message>
        <source>Downlink:</source>
        <translation>下行：</translation>
    </message>
    <message>
        <source>Latency:</source>
        <translation>延迟：</translation>
    </message>
    <message>
        <source>Jitter:</source>
        <translation>抖动：</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>丢包率：</translation>
    </message>
    <message>
        <source>CPU slowdown:</source>
        <translation>CPU 减速：</translation>
    </message>
</context>
<context>
    <name>cleave::studio::LocalFleet</name>
    <message>
        <source>cleave-cloud could not be started (%1): %2</source>
        <translation>无法启动 cleave-cloud（%1）：%2</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>已崩溃</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>已退出，退出码 %1</translation>
    </message>
    <message>
        <source>the local cleave-cloud %1%2</source>
        <translation>本地 cleave-cloud %1%2</translation>
    </message>
    <message>
        <source>a local fleet is already running</source>
        <translation>本地设备群已在运行</translation>
    </message>
    <message>
        <source>a local fleet has 1 to 64 devices, not %1</source>
        <translation>本地设备群须有 1 到 64 台设备，而不是 %1 台</translation>
    </message>
    <message>
        <source>unknown use case &apos;%1&apos;: expected camera or factory</source>
        <translation>未知场景 &apos;%1&apos;：应为 camera 或 factory</translation>
    </message>
    <message>
        <source>cleave-cloud was not found (looked for %1); build it or set CLEAVE_CLOUD_BINARY</source>
        <translation>未找到 cleave-cloud（查找位置：%1）；请先构建它或设置 CLEAVE_CLOUD_BINARY</translation>
    </message>
    <message>
        <source>cannot create the fleet&apos;s data directory %1</source>
        <translation>无法创建设备群的数据目录 %1</translation>
    </message>
    <message>
        <source>cannot prepare the fleet&apos;s keys in %1: %2</source>
        <translation>无法在 %1 中准备设备群的密钥：%2</translation>
    </message>
    <message>
        <source>cleave-cloud printed an endpoints line without control/events: %1</source>
        <translation>cleave-cloud 输出的端点行中缺少 control/events：%1</translation>
    </message>
</context>
<context>
    <name>cleave::studio::LogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>cleave::studio::LogPanel</name>
    <message>
        <source>Filter the log (device, level or text)</source>
        <translation>筛选日志（设备、级别或文本）</translation>
    </message>
</context>
<context>
    <name>cleave::studio::MainWindow</name>
    <message>
        <source>approve %1</source>
        <translation>批准 %1</translation>
    </message>
    <message>
        <source>reject %1</source>
        <translation>拒绝 %1</translation>
    </message>
    <message>
        <source>set the split</source>
        <translation>设置切分</translation>
    </message>
    <message>
        <source>set the link</source>
        <translation>设置链路</translation>
    </message>
    <message>
        <source>start rounds</source>
        <translation>开始轮次</translation>
    </message>
    <message>
        <source>pause rounds</source>
        <translation>暂停轮次</translation>
    </message>
    <message>
        <source>stop rounds</source>
        <translation>停止轮次</translation>
    </message>
    <message>
        <source>set inference</source>
        <translation>设置推理</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Cleave Studio</source>
        <translation>Cleave Studio</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>&amp;Fleet</source>
        <translation>设备群(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Rounds</source>
        <translation>轮次(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Inference</source>
        <translation>推理(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Start page</source>
        <translation>起始页(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a recorded session</source>
        <translation>打开已录制的会话</translation>
    </message>
    <message>
        <source>Cleave sessions (*.cleave);;All files (*)</source>
        <translation>Cleave 会话 (*.cleave);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export plots…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Export plots to</source>
        <translation>导出图表到</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Cleave</source>
        <translation>关于 Cleave(&amp;A)</translation>
    </message>
    <message>
        <source>About Cleave</source>
        <translation>关于 Cleave</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Cleave %1&lt;/h3&gt;&lt;p&gt;Edge-cloud split training and early-exit inference of neural networks.&lt;/p&gt;&lt;p&gt;Drag the split on the Model page, run rounds on the Rounds page, replay any recorded session.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Cleave %1&lt;/h3&gt;&lt;p&gt;神经网络的边缘-云端切分训练与提前退出推理。&lt;/p&gt;&lt;p&gt;在“模型”页拖动切分点，在“轮次”页运行训练轮次，并可回放任何已录制的会话。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Local fleet</source>
        <translation>本地设备群</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>local fleet · %1</source>
        <translation>本地设备群 · %1</translation>
    </message>
    <message>
        <source>starting a local fleet…</source>
        <translation>正在启动本地设备群…</translation>
    </message>
    <message>
        <source>Connect to a cloud</source>
        <translation>连接到云端</translation>
    </message>
    <message>
        <source>cloud %1</source>
        <translation>云端 %1</translation>
    </message>
    <message>
        <source>replay · %1</source>
        <translation>回放 · %1</translation>
    </message>
    <message>
        <source>A recording cannot take commands</source>
        <translation>录制的会话无法接受命令</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>This session is not recorded to a file on this computer.</source>
        <translation>此会话未录制到本机的文件中。</translation>
    </message>
    <message>
        <source>Wrote metrics.csv, events.csv and rounds.csv (%1 metric rows) to %2</source>
        <translation>已将 metrics.csv、events.csv 和 rounds.csv（%1 行指标）写入 %2</translation>
    </message>
    <message>
        <source>Wrote %1 plots as PNG and SVG to %2</source>
        <translation>已将 %1 张图表以 PNG 和 SVG 格式写入 %2</translation>
    </message>
</context>
<context>
    <name>cleave::studio::ModelView</name>
    <message>
        <source>Drag the red line (or use ← →) to move the split; release to apply</source>
        <translation>拖动红线（或使用 ← →）移动切分点；松开即应用</translation>
    </message>
    <message>
        <source>Apply this cut to all devices</source>
        <translation>将此切分点应用到所有设备</translation>
    </message>
    <message>
        <source>Fastest per device</source>
        <translation>逐设备最快</translation>
    </message>
    <message>
        <source>Let the cloud pick each device&apos;s fastest cut every round</source>
        <translation>由云端在每一轮为每台设备选择最快的切分点</translation>
    </message>
    <message>
        <source>In step</source>
        <translation>步调一致</translation>
    </message>
    <message>
        <source>Let the cloud pick cuts so that all devices finish together</source>
        <translation>由云端选择切分点，使所有设备同时完成</translation>
    </message>
    <message>
        <source>Costs for:</source>
        <translation>开销对象：</translation>
    </message>
    <message>
        <source>All devices (slowest)</source>
        <translation>所有设备（最慢者）</translation>
    </message>
</context>
<context>
    <name>cleave::studio::RoundControls</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start or continue rounds with these settings (Ctrl+R)</source>
        <translation>以这些设置开始或继续轮次 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Finish the current round, then wait (Ctrl+P)</source>
        <translation>完成当前轮次后等待 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Close the current round and end the session</source>
        <translation>结束当前轮次并终止会话</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>fp32 (exact)</source>
        <translation>fp32（精确）</translation>
    </message>
    <message>
        <source>fp16 (half the bytes)</source>
        <translation>fp16（字节数减半）</translation>
    </message>
    <message>
        <source>int8 (a quarter)</source>
        <translation>int8（四分之一）</translation>
    </message>
    <message>
        <source>Rounds:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <source>Steps per round:</source>
        <translation>每轮步数：</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>FedAvg every:</source>
        <translation>FedAvg 间隔：</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>截止时间：</translation>
    </message>
    <message>
        <source>Split codec:</source>
        <translation>切分编码：</translation>
    </message>
</context>
<context>
    <name>cleave::studio::RoundGantt</name>
    <message>
        <source>time in the round (ms)</source>
        <translation>轮内时间 (ms)</translation>
    </message>
    <message>
        <source>edge compute</source>
        <translation>边缘计算</translation>
    </message>
    <message>
        <source>uplink</source>
        <translation>上行</translation>
    </message>
    <message>
        <source>cloud compute</source>
        <translation>云端计算</translation>
    </message>
    <message>
        <source>downlink</source>
        <translation>下行</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>straggler</source>
        <translation>掉队设备</translation>
    </message>
    <message>
        <source>No round yet</source>
        <translation>尚无轮次</translation>
    </message>
    <message>
        <source>Round %1 · devices: %2 · slowest %3 ms · stragglers: %4</source>
        <translation>第 %1 轮 · 设备：%2 · 最慢 %3 ms · 掉队设备：%4</translation>
    </message>
</context>
<context>
    <name>cleave::studio::RoundsView</name>
    <message>
        <source>Rounds</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>no round yet</source>
        <translation>尚无轮次</translation>
    </message>
    <message>
        <source>Round:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <source>Delay per device</source>
        <translation>各设备延迟</translation>
    </message>
    <message>
        <source>round time (ms)</source>
        <translation>轮次耗时 (ms)</translation>
    </message>
    <message>
        <source>Jitter per device</source>
        <translation>各设备抖动</translation>
    </message>
    <message>
        <source>jitter (ms)</source>
        <translation>抖动 (ms)</translation>
    </message>
    <message>
        <source>Accuracy per exit</source>
        <translation>各出口准确率</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>Early-exit rate</source>
        <translation>提前退出率</translation>
    </message>
    <message>
        <source>samples exited early (%)</source>
        <translation>提前退出的样本 (%)</translation>
    </message>
    <message>
        <source>Bytes per round</source>
        <translation>每轮字节数</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Stragglers</source>
        <translation>掉队设备</translation>
    </message>
    <message>
        <source>devices</source>
        <translation>设备数</translation>
    </message>
    <message>
        <source>session time (s)</source>
        <translation>会话时间 (s)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>cleave::studio::SessionState</name>
    <message>
        <source>straggler in round %1</source>
        <translation>第 %1 轮的掉队设备</translation>
    </message>
    <message>
        <source>session ended: %1</source>
        <translation>会话已结束：%1</translation>
    </message>
    <message>
        <source>rounds paused: %1</source>
        <translation>轮次已暂停：%1</translation>
    </message>
    <message>
        <source>rounds resumed</source>
        <translation>轮次已继续</translation>
    </message>
    <message>
        <source>joined (%1, %2 cores)</source>
        <translation>已加入（%1，%2 核）</translation>
    </message>
    <message>
        <source>left: %1</source>
        <translation>已离开：%1</translation>
    </message>
    <message>
        <source>unknown key %1 from %2 is waiting for approval</source>
        <translation>来自 %2 的未知密钥 %1 正在等待批准</translation>
    </message>
    <message>
        <source>round %1 closed in %2 ms (%3)</source>
        <translation>第 %1 轮在 %2 ms 后结束（%3）</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>; stragglers: %1</source>
        <translation>；掉队设备：%1</translation>
    </message>
</context>
<context>
    <name>cleave::studio::SessionView</name>
    <message>
        <source>No session file</source>
        <translation>无会话文件</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play or pause the recording (Space)</source>
        <translation>播放或暂停录制内容（空格键）</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Metrics as CSV…</source>
        <translation>指标导出为 CSV…</translation>
    </message>
    <message>
        <source>Plots as PNG and SVG…</source>
        <translation>图表导出为 PNG 和 SVG…</translation>
    </message>
    <message>
        <source>Export metrics as CSV to</source>
        <translation>将指标以 CSV 格式导出到</translation>
    </message>
    <message>
        <source>Export plots to</source>
        <translation>导出图表到</translation>
    </message>
    <message>
        <source>Session file: %1</source>
        <translation>会话文件：%1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Rounds of this session</source>
        <translation>本会话的轮次</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Early exit</source>
        <translation>提前退出</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备数</translation>
    </message>
    <message>
        <source>Stragglers</source>
        <translation>掉队设备</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>cleave::studio::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>System palette</source>
        <translation>系统配色</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>A new language applies fully after restarting the studio.</source>
        <translation>新语言将在重启 Studio 后完全生效。</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Palette:</source>
        <translation>配色：</translation>
    </message>
</context>
<context>
    <name>cleave::studio::SplitController</name>
    <message>
        <source>the session has not named its model yet</source>
        <translation>会话尚未指定模型</translation>
    </message>
    <message>
        <source>the session&apos;s model spec is unusable: %1</source>
        <translation>会话的模型描述不可用：%1</translation>
    </message>
    <message>
        <source>batch %1 assumed (the session did not say)</source>
        <translation>假定批大小为 %1（会话未指定）</translation>
    </message>
    <message>
        <source>cloud speed %1 GFLOP/s assumed until a round measures it</source>
        <translation>在某一轮测得实际值之前，假定云端速度为 %1 GFLOP/s</translation>
    </message>
    <message>
        <source>%1: link unknown, %2 Mbit/s assumed</source>
        <translation>%1：链路未知，假定为 %2 Mbit/s</translation>
    </message>
    <message>
        <source>%1: no measured layer profile yet</source>
        <translation>%1：尚无实测的逐层性能数据</translation>
    </message>
    <message>
        <source>no model to split yet</source>
        <translation>尚无可切分的模型</translation>
    </message>
    <message>
        <source>cut %1 is not valid: 0 to %2 (the cloud keeps at least the last layer)</source>
        <translation>切分点 %1 无效：应在 0 到 %2 之间（云端至少保留最后一层）</translation>
    </message>
    <message>
        <source>cut %1 does not fit the memory of %2</source>
        <translation>切分点 %1 超出了 %2 的内存容量</translation>
    </message>
    <message>
        <source>every device</source>
        <translation>所有设备</translation>
    </message>
    <message>
        <source>a manual split needs a cut: drag the split line</source>
        <translation>手动切分需要指定切分点：请拖动切分线</translation>
    </message>
</context>
<context>
    <name>cleave::studio::StartPage</name>
    <message>
        <source>&lt;h1&gt;Cleave&lt;/h1&gt;&lt;p&gt;Split a neural network between edge devices and the cloud, train it on a fleet, and watch every round.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Cleave&lt;/h1&gt;&lt;p&gt;将神经网络切分到边缘设备和云端，在设备群上训练，并观察每一轮。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Start a local fleet</source>
        <translation>启动本地设备群</translation>
    </message>
    <message>
        <source>Runs a cloud and edge agents on this computer, each with its own emulated link and CPU speed.</source>
        <translation>在本机上运行一个云端和若干边缘代理，每个代理都有各自模拟的链路和 CPU 速度。</translation>
    </message>
    <message>
        <source>Traffic camera (Fashion-MNIST frames)</source>
        <translation>交通摄像头（Fashion-MNIST 图像）</translation>
    </message>
    <message>
        <source>Smart factory (vibration sensors)</source>
        <translation>智能工厂（振动传感器）</translation>
    </message>
    <message>
        <source>Edge agents:</source>
        <translation>边缘代理：</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>场景：</translation>
    </message>
    <message>
        <source>Start local fleet</source>
        <translation>启动本地设备群</translation>
    </message>
    <message>
        <source>Connect to a cloud</source>
        <translation>连接到云端</translation>
    </message>
    <message>
        <source>Attach to a running cleave-cloud. Its operator must have approved this studio&apos;s key.</source>
        <translation>连接到正在运行的 cleave-cloud。其操作员必须已批准本 Studio 的密钥。</translation>
    </message>
    <message>
        <source>default: control port + 1</source>
        <translation>默认：控制端口 + 1</translation>
    </message>
    <message>
        <source>folder with operator.key / operator.key_secret</source>
        <translation>包含 operator.key / operator.key_secret 的文件夹</translation>
    </message>
    <message>
        <source>default: KEYS/cloud.key</source>
        <translation>默认：KEYS/cloud.key</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Operator key folder</source>
        <translation>操作员密钥文件夹</translation>
    </message>
    <message>
        <source>Control endpoint:</source>
        <translation>控制端点：</translation>
    </message>
    <message>
        <source>Events endpoint:</source>
        <translation>事件端点：</translation>
    </message>
    <message>
        <source>Keys:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <source>Cloud key:</source>
        <translation>云端密钥：</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Enter the cloud&apos;s control endpoint and the folder with this studio&apos;s operator key.</source>
        <translation>请输入云端的控制端点以及本 Studio 操作员密钥所在的文件夹。</translation>
    </message>
    <message>
        <source>Open a recorded session</source>
        <translation>打开已录制的会话</translation>
    </message>
    <message>
        <source>Replay a .cleave session file: every view works as it did live.</source>
        <translation>回放 .cleave 会话文件：每个视图都与实时运行时一样工作。</translation>
    </message>
    <message>
        <source>Recent sessions; double-click to open</source>
        <translation>最近的会话；双击打开</translation>
    </message>
    <message>
        <source>Open session…</source>
        <translation>打开会话…</translation>
    </message>
    <message>
        <source>Cleave sessions (*.cleave);;All files (*)</source>
        <translation>Cleave 会话 (*.cleave);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Recent:</source>
        <translation>最近：</translation>
    </message>
</context>
<context>
    <name>cleave::studio::TimeSeriesPlot</name>
    <message numerus="yes">
        <source>%n other series (min–max)</source>
        <translation>
            <numerusform>另外 %n 个序列（最小–最大）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cleave::studio::TopologyView</name>
    <message>
        <source>cloud</source>
        <translation>云端</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>≤ %1 ms</source>
        <translation>≤ %1 ms</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>快</translation>
    </message>
    <message>
        <source>≥ %1 ms</source>
        <translation>≥ %1 ms</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>慢</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>尚无数据</translation>
    </message>
    <message>
        <source>devices: %1 · online: %2</source>
        <translation>设备：%1 · 在线：%2</translation>
    </message>
    <message>
        <source>no delay measured yet</source>
        <translation>尚未测得延迟</translation>
    </message>
</context>
<context>
    <name>cleave::studio::ViewBinder</name>
    <message>
        <source>Applied: %1, cut %2</source>
        <translation>已应用：%1，切分点 %2</translation>
    </message>
    <message>
        <source>Applied: %1</source>
        <translation>已应用：%1</translation>
    </message>
    <message>
        <source>fleet (test set)</source>
        <translation>设备群（测试集）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>true class %1</source>
        <translation>真实类别 %1</translation>
    </message>
    <message>
        <source>label unknown</source>
        <translation>标签未知</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) online</source>
        <translation>
            <numerusform>%n 台设备在线</numerusform>
        </translation>
    </message>
    <message>
        <source> · round %1</source>
        <translation> · 第 %1 轮</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> / 共 %1 轮</translation>
    </message>
    <message>
        <source> · accuracy %1%</source>
        <translation> · 准确率 %1%</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation> · 已暂停</translation>
    </message>
    <message>
        <source> · session ended</source>
        <translation> · 会话已结束</translation>
    </message>
</context>
</TS>
