// Real JPEGs for the tests: pixels encoded by jpeg-js, EXIF (camera, capture time, GPS) written by piexifjs.
import jpeg from 'jpeg-js';
import piexif from 'piexifjs';

export interface PhotoFacts {
  lat: number;
  lon: number;
  /** EXIF DateTimeOriginal, "YYYY:MM:DD HH:MM:SS" (local time, no zone). */
  takenLocal: string;
  /** GPS date and time (UTC). */
  gpsDate: string;
  gpsTime: [number, number, number];
  seed?: number;
}

type Rational = [number, number];

/** Degrees as EXIF writes them: degrees, minutes, seconds as rationals (seconds to 1/1000). */
function dms(value: number): [Rational, Rational, Rational] {
  const milliArcSeconds = Math.round(Math.abs(value) * 3600 * 1000);
  const d = Math.floor(milliArcSeconds / 3_600_000);
  const m = Math.floor((milliArcSeconds % 3_600_000) / 60_000);
  const s = milliArcSeconds % 60_000;
  return [
    [d, 1],
    [m, 1],
    [s, 1000],
  ];
}

export function photoWithGps(facts: PhotoFacts): Buffer {
  const width = 32;
  const height = 24;
  const data = Buffer.alloc(width * height * 4);
  const seed = facts.seed ?? 1;
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = (i * 7 * seed) % 256;
    data[i * 4 + 1] = (i * 13) % 256;
    data[i * 4 + 2] = (i * 29 + seed) % 256;
    data[i * 4 + 3] = 255;
  }
  const pixels = jpeg.encode({ data, width, height }, 85).data;
  const exif = piexif.dump({
    '0th': { [piexif.ImageIFD.Make!]: 'Groundtruth test camera', [piexif.ImageIFD.Model!]: 'JPEG fixture' },
    Exif: { [piexif.ExifIFD.DateTimeOriginal!]: facts.takenLocal },
    GPS: {
      [piexif.GPSIFD.GPSLatitudeRef!]: facts.lat >= 0 ? 'N' : 'S',
      [piexif.GPSIFD.GPSLatitude!]: dms(facts.lat),
      [piexif.GPSIFD.GPSLongitudeRef!]: facts.lon >= 0 ? 'E' : 'W',
      [piexif.GPSIFD.GPSLongitude!]: dms(facts.lon),
      [piexif.GPSIFD.GPSDateStamp!]: facts.gpsDate,
      [piexif.GPSIFD.GPSTimeStamp!]: facts.gpsTime.map((n) => [n, 1]),
    },
  });
  return Buffer.from(piexif.insert(exif, pixels.toString('binary')), 'binary');
}
