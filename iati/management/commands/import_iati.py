"""`manage.py import_iati FILE --user NAME [--dyad SLUG] [--domain DOMAIN]`: an IATI file as draft programs."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from iati.importer import import_file
from programs.choices import Domain
from programs.models import Dyad


class Command(BaseCommand):
    help = "Import an IATI activity file (2.0x) as draft programs with their results, for review in the workspace."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The IATI activity XML file.")
        parser.add_argument("--user", required=True, help="The ministry-staff user the programs are created as.")
        parser.add_argument("--dyad", help="Dyad slug (e.g. ir-sa); by default the file's two recipient countries.")
        parser.add_argument("--domain", choices=Domain.values, help="Domain when no sector of the file maps to one.")

    def handle(self, *args, file: Path, user: str, dyad: str | None, domain: str | None, **options):
        importer = get_user_model().objects.filter(username=user).first()
        if importer is None:
            raise CommandError(f"No user named {user}.")
        chosen = None
        if dyad:
            chosen = Dyad.objects.filter(slug=dyad).first()
            if chosen is None:
                raise CommandError(f"No dyad {dyad}.")
        try:
            programs = import_file(
                user=importer, data=file.read_bytes(), dyad=chosen, default_domain=domain, source_name=file.name
            )
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError("Nothing imported. " + " ".join(messages)) from exc
        for program in programs:
            self.stdout.write(f"{program.iati_import.iati_identifier} → draft program {program.pk}: {program.title}")
        self.stdout.write(self.style.SUCCESS(f"Imported {len(programs)} activities as draft programs."))
