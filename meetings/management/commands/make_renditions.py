"""Write the renditions every photo should have (after a change of sizes, or a restore)."""

from django.core.management.base import BaseCommand

from meetings.models import Photo
from meetings.renditions import make_renditions


class Command(BaseCommand):
    help = "Write missing photo renditions; existing ones are kept."

    def handle(self, *args, **options):
        count = 0
        for photo in Photo.objects.exclude(image="").only("image").iterator(chunk_size=200):
            make_renditions(photo.image)
            count += 1
        self.stdout.write(f"Renditions checked for {count} photos.")
