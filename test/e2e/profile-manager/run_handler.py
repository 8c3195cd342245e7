"""Runs the Profile Manager the way Lambda does: `lambda_handler(event, context)` with the
settings in the environment. Prints one JSON object: the returned event, the actions the
function logged (INFO) and its errors (ERROR, with the traceback).

Usage: python run_handler.py EVENT.json
"""

import json
import logging
import os
import sys
import importlib.util

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "handler", os.path.join(HERE, "..", "..", "..", "src", "generate", "profile-manager", "handler.py")
)
handler = importlib.util.module_from_spec(spec)
spec.loader.exec_module(handler)


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.actions, self.errors = [], []

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            self.errors.append(self.format(record))
        else:
            self.actions.append(record.getMessage())


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        event = json.load(f)
    collect = Collect()
    logging.getLogger("kfgen-profile-manager").addHandler(collect)
    out = handler.lambda_handler(event, None)
    json.dump({"event": out, "actions": collect.actions, "errors": collect.errors}, sys.stdout)


main()
