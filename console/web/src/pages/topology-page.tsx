import { EmptyPanel, ErrorPanel, LoadingPanel } from '../components/state-panels.tsx';
import { count, utc } from '../sales/sales-format.ts';
import { TopologyGraph } from '../topology/topology-graph.tsx';
import type { TopologySnapshot, TopologyView } from '../topology/topology-types.ts';
import { useTopologyStream } from '../topology/use-topology-stream.ts';
import '../topology/topology.css';

function Partitions({ topology }: { topology: TopologyView }) {
  return (
    <table class="grid" data-testid="partitions">
      <thead>
        <tr><th>member</th><th>sub-topology</th><th>partition</th><th>lag</th><th>watermark (UTC)</th></tr>
      </thead>
      <tbody>
        {topology.partitions.map((p) => (
          <tr key={`${p.member}|${p.subTopology}|${p.partition}`}>
            <td class="mono small">{p.member}</td>
            <td>{p.subTopology}</td>
            <td>{p.partition}</td>
            <td>{p.lag === null ? '–' : count(p.lag)}</td>
            <td>{p.watermarkMs === null ? '–' : utc(p.watermarkMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Snapshot({ data }: { data: TopologySnapshot }) {
  if (data.configured.length === 0) {
    return (
      <EmptyPanel>
        <h2>No topology member configured</h2>
        <p data-testid="topology-empty">
          Set <code>{data.setting}</code> to the metrics URLs of running members (<code>shelfstream topology run &lt;name&gt; --metrics-port N</code>), comma-separated, and
          restart the console.
        </p>
      </EmptyPanel>
    );
  }
  return (
    <>
      {data.unreachable.map((m) => (
        <div key={m.url} class="panel error" role="alert" data-testid="member-unreachable">
          <h2>Topology member {m.url} is not reachable</h2>
          <p class="message">{m.message}</p>
          <p class="code">listed in {data.setting}; tried again every few seconds</p>
        </div>
      ))}
      {data.topologies.map((t) => (
        <section key={t.applicationId} data-testid="topology">
          <h2>
            {t.applicationId} <span class="footnote">{t.members.length} member{t.members.length === 1 ? '' : 's'}: {t.members.join(', ')}</span>
          </h2>
          <TopologyGraph topology={t} />
          <h3>Partitions</h3>
          <Partitions topology={t} />
        </section>
      ))}
    </>
  );
}

/** The running topologies: their graph with per-step figures, and per-partition lag and watermark. */
export function TopologyPage() {
  const stream = useTopologyStream();
  return (
    <>
      <h1>Topology</h1>
      {stream.state === 'loading' ? <LoadingPanel what="the topology members" /> : null}
      {stream.state === 'failed' ? <ErrorPanel failure={stream.failure} /> : null}
      {stream.state === 'ready' ? <Snapshot data={stream.data} /> : stream.state === 'failed' && stream.last !== undefined ? <Snapshot data={stream.last} /> : null}
    </>
  );
}
