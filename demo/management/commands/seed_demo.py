from django.core.management.base import BaseCommand

from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Load the illustrative demo data set (safe to run again: it changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--admin-password", default="concord-admin")

    def handle(self, *args, admin_password, **options):
        counts = seed_demo(admin_password=admin_password)
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {summary}."))
