/// The stylesheet shared by the public page and the coordinator's status page: no external resource,
/// readable from a phone (one column under 40em) to a desktop.
enum PageStyle {
    static let css = """
        :root { --ink: #1f2a1f; --muted: #5b6b5b; --accent: #2f6b3a; --paper: #f7f5ef; --card: #fff;
          --warn: #9a5b00; --bad: #a3241f; --line: #dcd8cc; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
          color: var(--ink); background: var(--paper); }
        header { background: var(--accent); color: #fff; padding: 1.25rem 1rem; }
        header .inner { max-width: 46rem; margin: 0 auto; }
        header h1 { margin: 0; font-size: 1.5rem; }
        header p { margin: .25rem 0 0; opacity: .9; }
        header a { color: #fff; }
        main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
        h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: .6rem; padding: .9rem 1rem;
          margin: .75rem 0; }
        .card h3 { margin: 0 0 .25rem; font-size: 1.05rem; }
        .when { color: var(--muted); margin: 0 0 .5rem; }
        .card ul { margin: .25rem 0; padding-left: 1.2rem; }
        .badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .85rem;
          font-weight: 600; vertical-align: middle; }
        .badge.ok { background: #e3f1e5; color: var(--accent); }
        .badge.warn { background: #fdf0d9; color: var(--warn); }
        .badge.bad { background: #f8e0de; color: var(--bad); }
        .cancelled .day-name, .cancelled .when { text-decoration: line-through; }
        .button { display: inline-block; background: var(--accent); color: #fff; text-decoration: none;
          padding: .5rem .9rem; border-radius: .4rem; font-weight: 600; }
        .notes { margin: .5rem 0 0; color: var(--muted); }
        footer { max-width: 48rem; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: .85rem; }
        table { width: 100%; border-collapse: collapse; background: var(--card); font-size: .95rem; }
        th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top;
          overflow-wrap: anywhere; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr)); gap: .5rem; }
        .tile { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .75rem; }
        .tile b { display: block; font-size: 1.4rem; }
        .alert { background: #f8e0de; border: 1px solid #e7b3ae; color: var(--bad); border-radius: .5rem;
          padding: .75rem 1rem; margin: 1rem 0; }
        .day { margin: .75rem 0 .25rem; font-weight: 600; color: var(--accent); }
        .muted { color: var(--muted); }
        .scroll { overflow-x: auto; }
        @media (max-width: 40em) { body { font-size: 15px; } header h1 { font-size: 1.25rem; }
          th, td { padding: .35rem .3rem; } .hide-phone { display: none; } }
        """
}
