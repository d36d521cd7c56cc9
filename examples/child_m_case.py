"""A case built by hand from the project's synthetic review of Child M.

Until the reader (``chronology.read``) exists, this is how an analyst turns a
review into a chronology: one event per thing that happened, each placed by
the review's own words, with the words' place in the text kept as provenance.

Run: ``python examples/child_m_case.py [--plot child-m.png] [--html child-m.html]``.
"""

from __future__ import annotations

from pathlib import Path

from chronology import Case, Excerpt

REVIEW = Path(__file__).with_name("review-child-m.txt")


def build(text: str) -> Case:
    """The Child M case: events placed by the review's phrases."""

    def words(phrase: str) -> Excerpt:
        start = text.index(phrase)
        return Excerpt(phrase, start, start + len(phrase), REVIEW.name)

    case = Case()
    child = case.person("Child M", born=words("the winter of 2016"))
    booking = case.event("midwifery booking at 24 weeks pregnant", words("the autumn of 2016"), agency="midwifery")
    case.before(booking, child.birth)
    case.event(
        "discharged from hospital",
        words("the day after his birth"),
        agency="hospital",
        person=child,
        anchor=child.birth,
    )
    case.event("new birth visit", words("twelve days old"), agency="health visiting", person=child)
    gp_check = case.event(
        "GP check; bruise to ear recorded", words("six to eight weeks of age"), agency="GP", person=child
    )
    police = case.event("police called by neighbour: shouting", words("early 2017"), agency="police")
    case.after(police, gp_check)
    referral = case.event(
        "referral to children's social care", words("The following day"), agency="police", reference=police
    )
    case.event(
        "social worker visit; no one at home",
        words("Three days later"),
        agency="children's social care",
        reference=referral,
    )
    case.event("strategy discussion", words("the second week of March 2017"), agency="children's social care")
    case.event("case closed", words("mid-May 2017"), agency="children's social care")
    scald = case.event("emergency department: scald to hand", words("ten months old"), agency="hospital", person=child)
    case.event(
        "hospital referral to children's social care", words("later that day"), agency="hospital", reference=scald
    )
    case.event("homelessness application", words("Jan 2018"), agency="housing")
    case.event("temporary accommodation from", words("12/02/2018"), agency="housing")
    missed = case.event("two health visitor appointments missed", words("the summer of 2018"), agency="health visiting")
    case.place(missed, words("about eighteen months old"), person=child)
    case.event("letter to mother", words("a fortnight later"), agency="health visiting", reference=missed)
    death = case.event("death of Child M", words("the late spring of 2019"), agency="police", kind="death")
    case.place(death, words("at the age of two years and four months"), person=child)
    case.event("GP: chest infection", words("six weeks before his death"), agency="GP", anchor=death)
    return case


def main(argv: list[str] | None = None) -> None:
    """Print the table; ``--plot FILE`` also draws the timeline, ``--html FILE`` writes the report."""
    import argparse

    parser = argparse.ArgumentParser(description="The Child M chronology, from the synthetic review.")
    parser.add_argument("--plot", metavar="FILE", help="draw the timeline to FILE (.png, .svg or .pdf)")
    parser.add_argument("--html", metavar="FILE", help="write the report, one self-contained HTML page, to FILE")
    args, _ = parser.parse_known_args(argv)  # other arguments (a test runner's own) are not ours
    chronology = build(REVIEW.read_text(encoding="utf-8")).solve()
    print(chronology)
    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        from chronology.render.plot import figure

        figure(chronology).savefig(args.plot, dpi=100, bbox_inches="tight")
        print(f"timeline: {args.plot}")
    if args.html:
        print(f"report: {chronology.to_html(args.html)}")


if __name__ == "__main__":
    main()
