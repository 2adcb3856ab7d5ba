"""Builds the grading benchmark's submissions and compares the two graders' grades.csv (bench/grading.sh).

  grading_course.py submissions RELEASE SOURCE OUT N   N students' notebooks: the release with the source's
                                                       solutions, every third student missing one of them
  grading_course.py read-only SOURCE GRADE_ID           makes a solution cell a read-only code cell
  grading_course.py compare NBGRADER_CSV TITO_CSV       the same score for every student, or the differences
"""
import csv
import json
import os
import re
import sys

STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
REGION = re.compile(r"^([ \t]*)### BEGIN SOLUTION\n(.*?)^[ \t]*### END SOLUTION\n?", re.S | re.M)


def text(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def solutions(source_cell, stubbed):
    """The instructor's answer without its markers; region number `stubbed` left as the release's stub."""
    count = [0]

    def answer(match):
        count[0] += 1
        indent, body = match.group(1), match.group(2)
        if count[0] == stubbed:
            return "".join(indent + line + "\n" for line in STUB.split("\n"))
        return body

    return REGION.sub(answer, text(source_cell))


def submissions(release, source, out, n):
    with open(release) as f:
        released = json.load(f)
    with open(source) as f:
        answers = {c["metadata"]["nbgrader"]["grade_id"]: c for c in json.load(f)["cells"]
                   if c["metadata"].get("nbgrader", {}).get("solution")}
    for k in range(1, int(n) + 1):
        student = json.loads(json.dumps(released))
        for cell in student["cells"]:
            grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
            if grade_id in answers:
                # students 1, 4, 7... leave their first answer unwritten, 2, 5, 8... their second
                cell["source"] = solutions(answers[grade_id], k % 3)
        folder = os.path.join(out, "s%03d" % k)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, os.path.basename(release)), "w") as f:
            json.dump(student, f, indent=1)


def read_only(source, grade_id):
    with open(source) as f:
        nb = json.load(f)
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            del cell["metadata"]["nbgrader"]
    with open(source, "w") as f:
        json.dump(nb, f, indent=1)


def scores(path):
    with open(path) as f:
        return {row["student_id"]: (float(row["score"]), float(row["max_score"])) for row in csv.DictReader(f)}


def compare(nbgrader_csv, tito_csv):
    theirs, ours = scores(nbgrader_csv), scores(tito_csv)
    different = sorted(s for s in theirs.keys() | ours.keys() if theirs.get(s) != ours.get(s))
    for student in different:
        print("  %s: nbgrader %s, tito %s" % (student, theirs.get(student), ours.get(student)))
    print("scores identical to nbgrader's: %s (%d submissions, %d different)"
          % ("yes" if not different else "NO", len(theirs), len(different)))
    sys.exit(1 if different else 0)


{"submissions": submissions, "read-only": read_only, "compare": compare}[sys.argv[1]](*sys.argv[2:])
