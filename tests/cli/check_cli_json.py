#!/usr/bin/env python3
"""Runs every command of codex-sandbox-doctor-cli once with --json (success and
error paths) in a prepared CODEX_HOME and validates each stdout against its
JSON Schema in docs/schema/. Then proves the schemas can fail: deliberately
broken copies of real documents (a finding's line as a string, a missing fix,
an unknown error kind, an extra member in a closed object) must be rejected.

Usage: check_cli_json.py --cli PATH --schemas DIR --fake-codex PATH --work DIR
Exit 0 when every check passed; the last line is "N passed, N failed".
"""
import argparse
import copy
import json
import os
import pathlib
import shutil
import subprocess
import sys

import jsonschema

BASE = "https://codex-sandbox-doctor.invalid/schema/"


def load_schemas(folder):
    schemas = {}
    for path in sorted(pathlib.Path(folder).glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)  # each is a valid 2020-12 schema
        if schema.get("$id") != BASE + path.name:
            raise SystemExit(f"{path}: $id must be {BASE + path.name}")
        schemas[path.name[: -len(".schema.json")]] = schema
    return schemas


def make_validators(schemas):
    """A validator per schema that resolves the cross-file $refs locally,
    with python3-jsonschema 4.10 (Debian 12) as with 4.18+ (referencing)."""
    try:
        from referencing import Registry, Resource

        registry = Registry().with_resources(
            (s["$id"], Resource.from_contents(s)) for s in schemas.values())
        return {name: jsonschema.Draft202012Validator(s, registry=registry) for name, s in schemas.items()}
    except ImportError:
        store = {s["$id"]: s for s in schemas.values()}
        return {name: jsonschema.Draft202012Validator(
                    s, resolver=jsonschema.RefResolver.from_schema(s, store=store))
                for name, s in schemas.items()}


class Checker:
    def __init__(self, args, validators):
        self.cli = str(pathlib.Path(args.cli).resolve())
        self.work = pathlib.Path(args.work)
        self.validators = validators
        self.passed = 0
        self.failed = 0
        self.documents = {}
        env = {k: v for k, v in os.environ.items() if not k.startswith("CODEX")}
        # No saved settings and no ~/.codex of the user's leak into the run.
        env["HOME"] = str(self.work / "home")
        env["XDG_CONFIG_HOME"] = str(self.work / "xdg")
        env["QT_QPA_PLATFORM"] = "offscreen"
        self.env = env

    def report(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}")

    def run(self, name, schema, expected_exit, *arguments):
        """Runs the CLI; its stdout must be one JSON document valid against schema."""
        command = [self.cli, *arguments, "--json"]
        done = subprocess.run(command, cwd=self.work, env=self.env, capture_output=True, timeout=60)
        if done.returncode != expected_exit:
            self.report(False, name, f"exit {done.returncode}, expected {expected_exit}: "
                                     f"{done.stderr.decode(errors='replace')}")
            return None
        try:
            document = json.loads(done.stdout.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            self.report(False, name, f"stdout is not one JSON document ({error}): {done.stdout[:400]!r}")
            return None
        errors = sorted(self.validators[schema].iter_errors(document), key=lambda e: list(e.absolute_path))
        detail = "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors[:5])
        self.report(not errors, f"{name} ({schema}.schema.json)", detail)
        if errors:
            return None
        self.documents[name] = document  # only valid ones are broken on purpose below
        return document

    def rejects(self, name, schema, document):
        """A deliberately broken document must fail the schema."""
        self.report(not self.validators[schema].is_valid(document), f"rejects {name}",
                    "the broken document was accepted")


def prepare_home(work):
    if work.exists():
        shutil.rmtree(work)
    (work / "home").mkdir(parents=True)
    (work / "xdg").mkdir()
    shared = work / "codex"
    shared.mkdir()
    # A finding with a line and one without (block-absent): both shapes of a finding.
    (shared / "config.toml").write_text('sandbox_mode = "workspace-write"\n[tui]\ntheme = "dark"\n', encoding="utf-8")
    (shared / "auth.json").write_text("{}\n", encoding="utf-8")
    invalid = work / "invalid"
    invalid.mkdir()
    (invalid / "config.toml").write_text('model = "o3"\nsandbox_mode = \n', encoding="utf-8")
    (work / "workspaces" / "w1" / "t1").mkdir(parents=True)
    # A task home made by hand, without auth.json: findings with and without a line.
    by_hand = work / "workspaces" / "w1" / "t0" / "codex-home"
    by_hand.mkdir(parents=True)
    (by_hand / "config.toml").write_text('sandbox_mode = "read-only"\n', encoding="utf-8")
    (work / "scratch").mkdir()
    return shared, invalid


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--schemas", required=True)
    parser.add_argument("--fake-codex", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()

    work = pathlib.Path(args.work).resolve()
    args.work = str(work)
    shared, invalid = prepare_home(work)
    checker = Checker(args, make_validators(load_schemas(args.schemas)))
    common = ["--codex-version", "0.171.0", "--platform", "linux"]
    home = ["--codex-home", str(shared)]
    task = str(work / "workspaces" / "w1" / "t1" / "codex-home")

    # Success paths, in the order a user would go.
    checker.run("status", "status", 1, "status", *home, *common)  # sandbox-overridden is an error
    checker.run("status of a CODEX_HOME that does not exist", "status", 1,
                "status", "--codex-home", str(work / "nowhere"), *common)
    checker.run("status of invalid TOML", "status", 1, "status", "--codex-home", str(invalid), *common)
    checker.run("diff", "diff", 0, "diff", *home, *common)
    checker.run("apply --dry-run", "apply", 0, "apply", "--dry-run", *home, *common)
    checker.run("apply", "apply", 0, "apply", *home, *common)
    checker.run("apply again (no-op)", "apply", 0, "apply", *home, *common)
    checker.run("backups", "backups", 0, "backups", *home, *common)
    checker.run("restore --list", "backups", 0, "restore", "--list", *home, *common)
    restored = checker.run("restore", "restore", 0, "restore", *home, *common)
    if restored and restored.get("undo"):
        checker.run("backups --delete", "backups-delete", 0,
                    "backups", "--delete", restored["undo"]["name"], *home, *common)
    checker.run("prepare --dry-run", "prepare", 0, "prepare", "--dry-run", "--codex-home", task,
                "--shared-home", str(shared), *common)
    checker.run("prepare", "prepare", 0, "prepare", "--codex-home", task, "--shared-home", str(shared), *common)
    # t0 lacks auth.json (an error): inspect exits 1.
    checker.run("inspect a workspaces root", "inspect", 1, "inspect", str(work / "workspaces"),
                "--shared-home", str(shared), *common)
    checker.run("inspect one CODEX_HOME", "inspect", 0, "inspect", task, "--shared-home", str(shared), *common)
    checker.run("probe-dns", "probe-dns", 0, "probe-dns", "localhost")
    # The fake Codex answers doctor and has no `codex sandbox`: the probe reports that.
    # The fake always reports the network restricted, not the policy's (enabled): verify exits 1.
    checker.run("verify --probe-dns", "verify", 1, "verify", *home, "--codex", args.fake_codex,
                "--scratch-dir", str(work / "scratch"), "--probe-dns", "localhost")
    checker.run("verify --proposed", "verify", 1, "verify", "--proposed", *home, "--codex", args.fake_codex,
                "--scratch-dir", str(work / "scratch"))
    # A Codex that cannot be started: verify's own error object (errorToJson) inside the report.
    checker.run("verify with a Codex that does not start", "verify", 1, "verify", *home,
                "--codex", str(work / "no-codex"), "--scratch-dir", str(work / "scratch"))

    # Error paths: the error object on stdout, the exit code in it and of the process.
    for name, code, arguments in [
        ("diff of invalid TOML", 3, ["diff", "--codex-home", str(invalid), *common]),
        ("apply to invalid TOML", 3, ["apply", "--codex-home", str(invalid), *common]),
        ("restore an unknown backup", 3, ["restore", "--backup", "config.toml.bak-nope", *home, *common]),
        ("backups --delete an unknown backup", 3, ["backups", "--delete", "config.toml.bak-nope", *home, *common]),
        ("inspect a folder that does not exist", 1, ["inspect", str(work / "nowhere"), *common]),
        ("prepare without --codex-home", 2, ["prepare", "--shared-home", str(shared), *common]),
        ("diff of a CODEX_HOME that does not exist", 3, ["diff", "--codex-home", str(work / "nowhere"), *common]),
        # --codex-version without --codex: nothing is detected, so there is no Codex to run.
        ("verify without a Codex", 1, ["verify", *home, "--codex-version", "0.171.0",
                                        "--scratch-dir", str(work / "scratch")]),
        ("probe-dns --connect off loopback", 2, ["probe-dns", "localhost", "--connect", "192.0.2.1:80"]),
        ("an unknown option", 2, ["status", "--no-such-option", *home]),
        ("an unknown command", 2, ["no-such-command"]),
        ("a malformed --policy", 2, ["status", "--policy", "nonsense", *home]),
        ("an empty --codex-home", 2, ["status", "--codex-home", ""]),
    ]:
        document = checker.run(name, "error", code, *arguments)
        if document is not None and "exit_code" in document:
            checker.report(document["exit_code"] == code, f"{name}: exit_code member is {code}",
                           f"exit_code is {document['exit_code']}")

    # The schemas can fail: broken copies of the documents just validated.
    status = checker.documents.get("status")
    if status:
        finding = next(f for f in status["config"]["findings"] if f["line"] is not None)
        broken = copy.deepcopy(status)
        next(f for f in broken["config"]["findings"] if f["code"] == finding["code"])["line"] = str(finding["line"])
        checker.rejects("a finding whose line is a string", "status", broken)
        broken = copy.deepcopy(status)
        del broken["config"]["findings"][0]["fix"]
        checker.rejects("a finding without fix", "status", broken)
        broken = copy.deepcopy(status)
        broken["config"]["findings"][0]["hint"] = "x"
        checker.rejects("a finding with a member the contract does not have", "status", broken)
        broken = copy.deepcopy(status)
        broken["policy"]["network_access"] = "false"
        checker.rejects("a policy whose network_access is a string", "status", broken)
        broken = copy.deepcopy(status)
        broken["config"]["findings"][0]["fix"] = ""
        checker.rejects("a finding whose fix is \"\" (null when absent)", "status", broken)
    error = checker.documents.get("diff of invalid TOML")
    if error:
        broken = copy.deepcopy(error)
        broken["error"]["kind"] = "oops"
        checker.rejects("an error of an unknown kind", "error", broken)
        broken = copy.deepcopy(error)
        broken["error"]["line"] = 0
        checker.rejects("an error on line 0", "error", broken)
    inspect = checker.documents.get("inspect a workspaces root")
    if inspect and inspect["homes"] and inspect["homes"][0]["findings"]:
        broken = copy.deepcopy(inspect)
        del broken["homes"][0]["findings"][0]["line"]
        checker.rejects("an inspect finding without line", "inspect", broken)
    # Each broken case above needs its document; a missing one is a failure too.
    for name in ("status", "diff of invalid TOML", "inspect a workspaces root"):
        checker.report(name in checker.documents, f"document for the negative cases: {name}", "missing")

    print(f"{checker.passed} passed, {checker.failed} failed")
    return 0 if checker.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
