#!/usr/bin/env python3
"""Writes the response export a survey platform would give for a survey that
`centricity publish` made, with the answers of an answers file.

    make_export.py FORMAT DEFINITION BANK_JSON ANSWERS_YAML OUT

FORMAT is qualtrics (choice-text CSV, three header rows), limesurvey-codes
(question-code headings, full answers), limesurvey-text (full question text
headings, full answers) or google-forms (the items the Apps Script created,
as recorded by formapp_standin.js, Sheets CSV) or surveyjs (each response's
survey.data, in one JSON array); "people" writes the answers as
JSON for the browser round trips instead ([{"fields": {...}, "labels":
{question id: label}}], DEFINITION unused). Everything the export holds
is read from the published definition: column names, labels, the order of
questions. The bank is used only as a respondent uses it, to turn an answer
written as a value into the label of the option to pick.

Standard library plus python3-yaml."""
import csv
import json
import re
import sys

import yaml


def fail(message):
    sys.exit(f"make_export.py: {message}")


def range_label(value):
    """A range point's label as the loader writes it: at most nine decimals."""
    text = f"{round(value * 1e9) / 1e9:.9f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def range_options(scale):
    """The value options a `range` expands to (`show --to json` lists only
    the special options of a range scale)."""
    low, high = scale["range"]
    step = scale["step"]
    count = round((high - low) / step)
    values = [low + i * step for i in range(count)] + [high]
    return [{"value": round(v * 1e9) / 1e9, "label": range_label(v)} for v in values]


def load_answers(path, bank):
    scales = {s["id"]: s for s in bank["scales"]}
    for scale in scales.values():
        if "range" in scale:
            scale["options"] = range_options(scale) + scale["options"]
    questions = {q["id"]: q for q in bank["questions"]}
    people = yaml.safe_load(open(path, encoding="utf-8"))
    if isinstance(people, dict):
        people = [people]
    out = []
    for person in people:
        labels = {}
        for qid, answer in (person.get("answers") or {}).items():
            if answer is None:
                continue
            options = scales[questions[qid]["scale"]]["options"]
            if isinstance(answer, (int, float)) and not isinstance(answer, bool):
                match = [o for o in options if "special" not in o and o["value"] == answer]
            else:
                match = [o for o in options if o["label"].lower() == str(answer).lower()]
            if not match:
                fail(f"{qid}: no option for {answer!r}")
            labels[qid] = match[0]["label"]
        fields = {k: str(v) for k, v in person.items() if k not in ("answers", "respondent")}
        out.append({"fields": fields, "labels": labels})
    return out


def strip_html(text):
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def check_choice(name, label, choices):
    """Fails unless `label` (None: unanswered) can be given: one of the
    `choices`, or for a number entered, a (low, high) pair, a number from
    low to high."""
    if label is None:
        return
    if isinstance(choices, tuple):
        try:
            number = float(label)
        except ValueError:
            fail(f"{name}: {label!r} cannot be entered as a number")
        if not choices[0] <= number <= choices[1]:
            fail(f"{name}: {label!r} is not a number from {choices[0]} to {choices[1]}")
    elif label not in choices:
        fail(f"{name}: the survey has no choice {label!r}")


def qualtrics(definition, people, out):
    qsf = json.load(open(definition, encoding="utf-8"))
    elements = qsf["SurveyElements"]
    questions = {e["PrimaryAttribute"]: e["Payload"] for e in elements if e["Element"] == "SQ"}
    blocks = {b["ID"]: b for b in next(e for e in elements if e["Element"] == "BL")["Payload"]}
    flow = next(e for e in elements if e["Element"] == "FL")["Payload"]["Flow"]
    meta = [("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/Berlin"}'),
            ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/Berlin"}'),
            ("Status", "Response Type", '{"ImportId":"status"}'),
            ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
            ("Progress", "Progress", '{"ImportId":"progress"}'),
            ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
            ("Finished", "Finished", '{"ImportId":"finished"}'),
            ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/Berlin"}'),
            ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
            ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
            ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}')]
    # (tag, label, import id, the choices by label)
    columns = []
    for entry in flow:
        for element in blocks[entry["ID"]]["BlockElements"]:
            q = questions[element["QuestionID"]]
            qid = q["QuestionID"]
            if q["QuestionType"] == "MC":
                choices = {q["Choices"][c]["Display"]: c for c in q["ChoiceOrder"]}
                columns.append((q["DataExportTag"], q["QuestionDescription"],
                                json.dumps({"ImportId": qid}, separators=(",", ":")), choices))
            elif q["QuestionType"] == "Slider":
                # One statement, exported under its choice export tag as the
                # number the slider was set to.
                low = q["Configuration"]["CSSliderMin"]
                high = q["Configuration"]["CSSliderMax"]
                columns.append((q["ChoiceDataExportTags"]["1"], q["QuestionDescription"] + " - ",
                                json.dumps({"ImportId": f"{qid}_1"}, separators=(",", ":")),
                                (low, high)))
            elif q["QuestionType"] == "Matrix":
                answers = {q["Answers"][a]["Display"]: a for a in q["AnswerOrder"]}
                for c in q["ChoiceOrder"]:
                    columns.append((q["ChoiceDataExportTags"][c],
                                    q["QuestionDescription"] + " - " + q["Choices"][c]["Display"],
                                    json.dumps({"ImportId": f"{qid}_{c}"}, separators=(",", ":")),
                                    answers))
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([m[0] for m in meta] + [c[0] for c in columns])
        w.writerow([m[1] for m in meta] + [c[1] for c in columns])
        w.writerow([m[2] for m in meta] + [c[2] for c in columns])
        for n, person in enumerate(people, 1):
            row = ["2024-05-01 10:00:00", "2024-05-01 10:25:00", "IP Address", "127.0.0.1", "100",
                   "1500", "True", "2024-05-01 10:25:01", f"R_{n:015d}", "anonymous", "EN"]
            for tag, _, _, choices in columns:
                label = person["fields"].get(tag) or person["labels"].get(tag)
                check_choice(tag, label, choices)
                row.append(label or "")
            w.writerow(row)


def limesurvey(definition, headings):
    with open(definition, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quotechar='"'))
    questions = []  # {code, text, type, subquestions: [(code, text)], answers: [label]}
    for row in rows:
        if row["class"] == "Q":
            questions.append({"code": row["name"], "text": strip_html(row["text"]),
                              "type": row["type/scale"], "sub": [], "answers": []})
            if row["type/scale"] == "N":  # a numerical input: its bounds
                questions[-1]["answers"] = (float(row["min_num_value_n"]),
                                            float(row["max_num_value_n"]))
        elif row["class"] == "SQ":
            questions[-1]["sub"].append((row["name"], strip_html(row["text"])))
        elif row["class"] == "A":
            questions[-1]["answers"].append(row["text"])
    # (heading, code, answer labels): the group question is answered from
    # the field its code names, the others from the question with that text.
    columns = []
    for q in questions:
        if q["type"] == "F":
            for code, text in q["sub"]:
                heading = f"{q['code']}[{code}]" if headings == "codes" else f"{q['text']} [{text}]"
                columns.append((heading, code, q["answers"]))
        else:
            heading = q["code"] if headings == "codes" else q["text"]
            columns.append((heading, q["code"], q["answers"]))
    return columns, questions


def write_limesurvey(columns, people, out, code_of, delimiter):
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("\ufeff")
        w = csv.writer(f, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate",
                    "datestamp"] + [c[0] for c in columns])
        for n, person in enumerate(people, 1):
            row = [str(n), "2024-05-01 10:25:00", "31", "en", "123456", "2024-05-01 10:00:00",
                   "2024-05-01 10:25:00"]
            for _, code, answers in columns:
                label = person["fields"].get(code)
                if label is None and code in code_of:
                    label = person["labels"].get(code_of[code])
                check_choice(code, label, answers)
                row.append(label or "")
            w.writerow(row)
        f.write("\r\n")


def google_forms(items_file):
    items = json.load(open(items_file, encoding="utf-8"))["items"]
    columns = []
    for item in items:
        if item["type"] == "MULTIPLE_CHOICE":
            columns.append((item["title"], item["title"], item["choices"]))
        elif item["type"] == "SCALE":
            columns.append((item["title"], item["title"],
                            [str(n) for n in range(item["lower"], item["upper"] + 1)]))
        elif item["type"] == "TEXT":
            columns.append((item["title"], item["title"],
                            (item["validation"]["min"], item["validation"]["max"])))
        elif item["type"] == "GRID":
            for row in item["rows"]:
                columns.append((f"{item['title']} [{row}]", row, item["columns"]))
    return columns


def surveyjs(definition, people, out):
    survey = json.load(open(definition, encoding="utf-8"))
    records = []
    for person in people:
        data = {}
        for page in survey["pages"]:
            for q in page["elements"]:
                if q["type"] in ("rating", "text"):
                    # A row of rating buttons or a number field: the number.
                    label = person["fields"].get(q["name"]) or person["labels"].get(q["name"])
                    if label is not None:
                        low, high = ((q["rateMin"], q["rateMax"]) if q["type"] == "rating"
                                     else (q["min"], q["max"]))
                        check_choice(q["name"], label, (low, high))
                        number = float(label)
                        data[q["name"]] = int(number) if number.is_integer() else number
                    continue
                choices = q["columns"] if q["type"] == "matrix" else q["choices"]
                value_of = {(c["text"] if isinstance(c, dict) else c):
                            (c["value"] if isinstance(c, dict) else c) for c in choices}
                names = [r["value"] for r in q["rows"]] if q["type"] == "matrix" else [q["name"]]
                for name in names:
                    label = person["fields"].get(name) or person["labels"].get(name)
                    if label is None:
                        continue
                    if label not in value_of:
                        fail(f"{name}: the survey has no choice {label!r}")
                    if q["type"] == "matrix":
                        data.setdefault(q["name"], {})[name] = value_of[label]
                    else:
                        data[name] = value_of[label]
        records.append(data)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(records, f, ensure_ascii=False, indent=1)


def main():
    if len(sys.argv) != 6:
        fail(__doc__.split("\n\n")[1])
    fmt, definition, bank_json, answers, out = sys.argv[1:]
    bank = json.load(open(bank_json, encoding="utf-8"))
    people = load_answers(answers, bank)
    if fmt == "people":
        with open(out, "w", encoding="utf-8") as f:
            json.dump(people, f, ensure_ascii=False, indent=1)
    elif fmt == "surveyjs":
        surveyjs(definition, people, out)
    elif fmt == "qualtrics":
        qualtrics(definition, people, out)
    elif fmt in ("limesurvey-codes", "limesurvey-text"):
        columns, _ = limesurvey(definition, "codes" if fmt.endswith("codes") else "text")
        # A respondent answers the question they read; match LimeSurvey's
        # question (or subquestion) to the bank's by its text, as a person
        # would, so the codes themselves stay untested knowledge of the importer.
        by_text = {q["text"]: q["id"] for q in bank["questions"]}
        with open(definition, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t", quotechar='"'))
        code_of = {r["name"]: by_text[strip_html(r["text"])] for r in rows
                   if r["class"] in ("Q", "SQ") and strip_html(r["text"]) in by_text}
        write_limesurvey(columns, people, out, code_of, "," if fmt.endswith("codes") else ";")
    elif fmt == "google-forms":
        columns = google_forms(definition)
        by_text = {q["text"]: q["id"] for q in bank["questions"]}
        with open(out, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(["Timestamp"] + [c[0] for c in columns])
            for n, person in enumerate(people, 1):
                row = [f"5/1/2024 10:{n:02d}:00"]
                for heading, text, choices in columns:
                    label = person["fields"].get(text)
                    if label is None and text in by_text:
                        label = person["labels"].get(by_text[text])
                    check_choice(heading, label, choices)
                    row.append(label or "")
                w.writerow(row)
    else:
        fail(f"unknown format {fmt}")


main()
