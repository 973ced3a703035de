#!/usr/bin/env python3
"""Writes the organisation profiles in this folder: answers files on the
bundled default bank, one per profile, drawn from the five source essays
(docs/models.md, "Profiles"). What an expert concludes from each is in
expected.yaml, and tests/unit/test_score_profiles.cpp checks the Result
against it.

    build/centricity show customer-centricity --to json > /tmp/bank.json
    python3 tests/data/profiles/make-profiles.py /tmp/bank.json tests/data/profiles

Each respondent answers every question with the option nearest a target
score: the profile's level for the question's dimension (keyed, 0-100:
higher is more customer-centric, reverse keys already applied), plus the
respondent's offset and a little seeded noise. Beliefs and misconceptions
have levels of their own; single answers can be fixed by question id.
Seeded, so the files are the same on every run. Standard library only."""
import json
import os
import random
import sys

bank = json.load(open(sys.argv[1]))
out_dir = sys.argv[2]
scales = {s["id"]: s for s in bank["scales"]}

PROFILES = {
    # Seed 003: managers profess customer value, systems were bought, the
    # behaviours never started.
    "empty-shell": dict(
        story="Strong professed beliefs and customer systems (a CRM, customer measures in pay) "
              "with no action standards and leaders who do not lead by example.",
        default=30, belief=92, misconception=25, noise=6,
        levels={"aligned-technology": 62, "customer-metrics": 64, "action-standards": 22,
                "leading-by-example": 24, "customer-involvement": 22,
                "systems-follow-culture": 28, "networks": 35, "value-belief": 40},
        fixed={"tech-crm-in-place": "Yes", "cm-variable-pay": "Yes"},
        people=[("Executive", 8), ("Executive", 4), ("Manager", 0), ("Manager", 0),
                ("Front line", -6), ("Front line", -6)]),
    # Seed 000: networks and teams in place, no coordinator yet.
    "mid-journey": dict(
        story="Networks and cross-functional teams work; nobody coordinates customer-centric "
              "work across them yet.",
        default=50, belief=60, misconception=60, noise=6,
        levels={"networks": 76, "teams": 72, "coordinator": 28, "matrix": 20,
                "segment-managers": 15, "micro-foundations": 66},
        people=[("Executive", 3), ("Manager", 0), ("Manager", 0), ("Front line", -3)]),
    # Seed 004: the leadership chose Customer Experience Focus and is there.
    "experience-chosen": dict(
        story="The leadership chose Customer Experience Focus as its position and reached it: "
              "customer processes, learning from customers and value-based segments are in "
              "place; tailored offers and partnerships are not pursued.",
        default=62, belief=66, misconception=70, noise=5,
        levels={"outside-in-learning": 78, "customer-processes": 74, "segment-alignment": 72,
                "customer-insight": 35, "individual-treatment": 25, "customer-partnership": 30,
                "customer-control": 15, "capability-alignment": 72},
        fixed={"focus-target": "Customer Experience Focus"},
        people=[("Executive", 2), ("Manager", 0), ("Front line", -2)]),
    # Seed 000: a matrix put in place on missing foundations; it seems to work.
    "matrix-jump": dict(
        story="Dual reporting was introduced and people say it works, but there are no "
              "supported networks, teams or coordinator beneath it.",
        default=40, belief=60, misconception=55, noise=5,
        levels={"networks": 28, "teams": 25, "coordinator": 22, "matrix": 72,
                "segment-managers": 25},
        fixed={"matrix-dual-reporting": "Yes"},
        people=[("Executive", 3), ("Manager", 0), ("Front line", -3)]),
    # The same jump, and the matrix works badly: still the same finding.
    "matrix-jump-failing": dict(
        story="Dual reporting was introduced on missing foundations and works badly.",
        default=40, belief=60, misconception=55, noise=5,
        levels={"networks": 28, "teams": 25, "coordinator": 22, "matrix": 30,
                "segment-managers": 20},
        fixed={"matrix-dual-reporting": "Yes"},
        people=[("Executive", 3), ("Manager", 0), ("Front line", -3)]),
    # Every lens in place, beliefs loudly held: not an empty shell.
    "model-firm": dict(
        story="Every step, position and link is in place, practice is strong and beliefs are "
              "strongly held; the leadership chose to go all the way.",
        default=88, belief=97, misconception=92, noise=4,
        levels={},
        fixed={"journey-target": "Step 5: Customer segment managers",
               "focus-target": "Customer Value Focus"},
        people=[("Executive", 2), ("Manager", 0), ("Front line", -2)]),
    # Seed 003 against seed 004: a deliberate no-frills operator.
    "no-frills": dict(
        story="A low-cost, no-frills operator that knows its customers want cheap and "
              "reliable: it chose Customer Experience Focus, runs end-to-end customer processes "
              "and says a considered no; it does not tailor offers.",
        default=62, belief=68, misconception=88, noise=5,
        levels={"outside-in-learning": 72, "customer-processes": 82, "segment-alignment": 68,
                "customer-insight": 45, "individual-treatment": 18, "customer-partnership": 30,
                "customer-control": 20, "capability-alignment": 70, "misconceptions": 85},
        fixed={"focus-target": "Customer Experience Focus",
               "mis-no-frills-can-be-centric": "Strongly agree",
               "mis-considered-no": "Strongly agree"},
        people=[("Executive", 2), ("Manager", 0), ("Front line", -2)]),
    # Seed 004: executives see a brighter picture than the front line.
    "leadership-bias": dict(
        story="Executives rate everything far higher than the front-line staff who deal with "
              "customers every day.",
        default=48, belief=60, misconception=55, noise=6,
        levels={},
        people=[("Executive", 30), ("Executive", 28), ("Executive", 32),
                ("Front line", -16), ("Front line", -14), ("Front line", -18),
                ("Front line", -15), ("Front line", -17), ("Front line", -13)]),
    # Seed 002: customer-centricity left to the service department.
    "service-carries-it": dict(
        story="Customer matters are dumped on the service department; management does not "
              "believe customer value pays and the strategy is a product plan.",
        default=35, belief=40, misconception=30, noise=5,
        levels={"value-belief": 30, "customer-strategy": 28, "service-role": 35},
        fixed={"sr-service-owns-it": "Agree", "sr-dumped-on-service": "Always"},
        people=[("Executive", 2), ("Manager", 0), ("Front line", -2)]),
    # The product-centric firm that bought a CRM and nothing else.
    "crm-only": dict(
        story="A product-centric firm that bought a CRM; nothing else has changed.",
        default=22, belief=55, misconception=40, noise=5,
        levels={"aligned-technology": 64},
        fixed={"tech-crm-in-place": "Yes", "matrix-dual-reporting": "No", "segmgr-owners": "No",
               "teams-formal": "No", "coordinator-role": "No"},
        people=[("Executive", 2), ("Manager", 0), ("Front line", -2)]),
    # Response artefacts: two straight-liners and one who agrees with
    # everything among ten honest respondents of a middling organisation.
    "straight-liners": dict(
        story="Ten considered answers from a middling organisation, plus two respondents who "
              "ticked the same column throughout and one who agreed with everything.",
        default=42, belief=55, misconception=50, noise=8,
        levels={},
        people=[("Manager", 0)] * 10,
        careless=[("Front line", "Agree"), ("Front line", "Agree"),
                  ("Front line", "Strongly agree")]),
}


def value_options(scale):
    return [o for o in scale["options"] if "special" not in o]


def keyed(question, option, scale):
    values = [o["value"] for o in value_options(scale)]
    lo, hi = min(values), max(values)
    s = 100 * (option["value"] - lo) / (hi - lo)
    return 100 - s if question["reverse"] else s


def answer(question, target, rng, noise):
    scale = scales[question["scale"]]
    target += rng.gauss(0, noise)
    return min(value_options(scale), key=lambda o: abs(keyed(question, o, scale) - target))["label"]


def position_label(question, label):
    """The option at the same position as `label` on the agreement scale."""
    scale = scales[question["scale"]]
    options = value_options(scale)
    agreement = [o["label"] for o in value_options(scales["agreement"])]
    index = agreement.index(label) if label in agreement else len(options) - 1
    return options[min(index, len(options) - 1)]["label"]


def write(name, spec):
    rng = random.Random(name)
    lines = [f"# Generated by make-profiles.py: {spec['story']}",
             "# Do not edit by hand; see expected.yaml for what an expert concludes."]
    people = [(role, offset, None) for role, offset in spec["people"]]
    people += [(role, 0, label) for role, label in spec.get("careless", [])]
    for n, (role, offset, line) in enumerate(people, 1):
        lines.append(f"- respondent: {name}-{n}")
        lines.append(f"  role: {role}")
        lines.append("  answers:")
        for q in bank["questions"]:
            if line is not None:
                if q.get("target_of"):
                    continue
                label = position_label(q, line)
            elif q["id"] in spec.get("fixed", {}):
                label = spec["fixed"][q["id"]]
            elif q.get("target_of"):
                continue  # not asked unless the profile says
            else:
                if q["kind"] == "belief":
                    level = spec["belief"]
                elif q["kind"] == "misconception":
                    level = spec["misconception"]
                else:
                    level = spec["levels"].get(q["dimension"], spec["default"])
                label = answer(q, level + offset, rng, spec["noise"])
            lines.append(f"    {q['id']}: {json.dumps(label)}")
    with open(os.path.join(out_dir, f"{name}.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")


for name, spec in PROFILES.items():
    write(name, spec)
