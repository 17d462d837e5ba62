// An HTTP date (RFC 9110 IMF-fixdate, Go's http.TimeFormat "Mon, 02 Jan 2006 15:04:05 GMT")
// from seconds since the Unix epoch, by the days-to-civil conversion of
// https://howardhinnant.github.io/date_algorithms.html (proleptic Gregorian, UTC).
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function httpDate(epochSeconds: i64): string {
  let days = epochSeconds / 86400;
  let secs = epochSeconds % 86400;
  if (secs < 0) {
    secs += 86400;
    days--;
  }
  const weekday = <i32>(((days % 7) + 11) % 7); // 1970-01-01 was a Thursday
  const z = days + 719468;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const day = doy - (153 * mp + 2) / 5 + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return (
    DAYS[weekday] +
    ", " +
    pad2(day) +
    " " +
    MONTHS[<i32>month - 1] +
    " " +
    year.toString().padStart(4, "0") +
    " " +
    pad2(secs / 3600) +
    ":" +
    pad2((secs / 60) % 60) +
    ":" +
    pad2(secs % 60) +
    " GMT"
  );
}

function pad2(n: i64): string {
  return n < 10 ? "0" + n.toString() : n.toString();
}
