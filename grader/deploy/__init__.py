"""Deploying a course where students submit: a Gradescope autograder, GitHub Classroom.

``grader.deploy.autograder`` builds the Gradescope zip (``grade autograder``) and
``grader.deploy.gradescope`` is what runs in it for every upload (``grade gradescope``);
``grader.deploy.wheel`` packs the running tool, so the zip installs this very version.
"""
