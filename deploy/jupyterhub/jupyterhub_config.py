"""JupyterHub settings for one course of the kit on a server (copy, fill in the environment, run `jupyterhub -f`).

Set in the environment (or edit below):
  SOCIALKIT_COURSE         the course's name, e.g. spring-2027 (letters, digits, - and _)
  SOCIALKIT_TRAINERS       the trainers' user names, comma-separated
  SOCIALKIT_LEARNERS       the learners' user names, comma-separated (optional: anyone who can log in is one)
  SOCIALKIT_WORKSPACE      the course's grading workspace (created by `socialkit grade … --workspace`)
  JUPYTERHUB_DB_URL        the hub's own database, e.g. postgresql+psycopg2://hub:PASSWORD@db.internal/hub
The authenticator and spawner below are examples: use your organisation's (LDAP, OAuth, KubeSpawner).
"""
import os

from socialkit.hub import configure

c = get_config()  # noqa: F821 - provided by JupyterHub

c.JupyterHub.authenticator_class = "pam"  # system accounts; see JupyterHub's authenticators for SSO
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"  # each learner as their own system user
configure(
    c,
    course=os.environ["SOCIALKIT_COURSE"],
    trainers=[name for name in os.environ["SOCIALKIT_TRAINERS"].split(",") if name],
    learners=[name for name in os.environ.get("SOCIALKIT_LEARNERS", "").split(",") if name],
    workspace=os.environ["SOCIALKIT_WORKSPACE"],
    db_url=os.environ.get("JUPYTERHUB_DB_URL"),
)
