"""Render ``data_schema/cohort.yaml`` as the human-readable data dictionary."""

from __future__ import annotations

from analysis.spec import CohortSpec, load_spec


def _allowed(col_allowed: tuple[str, ...], lo: float | None, hi: float | None) -> str:
    if col_allowed:
        return ", ".join(col_allowed)
    if lo is None and hi is None:
        return ""
    return f"{'' if lo is None else f'{lo:g}'} to {'' if hi is None else f'{hi:g}'}".strip()


def render_dictionary(spec: CohortSpec | None = None) -> str:
    """The data dictionary as Markdown (committed as ``data_schema/DATA_DICTIONARY.md``)."""
    spec = spec or load_spec()
    out = [
        "# Data dictionary",
        "",
        "Generated from `data_schema/cohort.yaml` by `vertebro dictionary`; do not edit by hand.",
        "",
    ]
    for table in spec.tables.values():
        out += [
            f"## `{table.name}`",
            "",
            table.description,
            "",
            f"Key: {', '.join(table.key)}",
            "",
            "| column | type | required | allowed / range | headers recognised | description |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for c in table.columns.values():
            out.append(
                f"| `{c.name}` | {c.type} | {'yes' if c.required else ''} | {_allowed(c.allowed, c.min, c.max)} "
                f"| {', '.join(c.synonyms)} | {c.description} |"
            )
        out.append("")
    out += [
        "## Outcome measures",
        "",
        "| measure | range | other declared scales | headers recognised | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for m in spec.measures.values():
        scales = ", ".join(f"0–{k} (× {v:g})" for k, v in m.scales.items())
        out.append(
            f"| `{m.name}` | {m.min:g}–{m.max:g}{' (whole numbers)' if m.integer else ''} | {scales} "
            f"| {', '.join(m.synonyms)} | {m.description} |"
        )
    out += ["", "## Dates (converted to day offsets, never output)", ""]
    out += [f"- `{k}`: {', '.join(v)}" for k, v in spec.date_columns.items()]
    out += ["", "## Direct identifiers (dropped at load)", ""]
    out += [f"- `{k}`: {', '.join(v)}" for k, v in spec.identifiers.items()]
    out += [
        "",
        "## Missing markers",
        "",
        ", ".join(f"`{t}`" for t in sorted(spec.missing_tokens)),
        "",
        "## Yes/no codes",
        "",
        "yes: " + ", ".join(sorted(spec.true_tokens)),
        "",
        "no: " + ", ".join(sorted(spec.false_tokens)),
        "",
    ]
    return "\n".join(out)
