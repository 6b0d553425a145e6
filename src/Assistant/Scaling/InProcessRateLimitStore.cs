using System.Collections.Concurrent;

namespace BankingLlm.Assistant.Scaling;

/// <summary>Rate-limit windows in this process: right for one instance.</summary>
public sealed class InProcessRateLimitStore : IRateLimitStore
{
    private readonly ConcurrentDictionary<string, Windows> _counters = new(StringComparer.Ordinal);

    public ValueTask<bool> TryTakeAsync(string principal, DateTimeOffset now, int perMinute, int perHour, int perDay) =>
        ValueTask.FromResult(_counters.GetOrAdd(principal, _ => new Windows()).TryTake(now, perMinute, perHour, perDay));

    private sealed class Windows
    {
        private readonly Lock _gate = new();
        private long _minute, _hour, _day;
        private int _inMinute, _inHour, _inDay;

        public bool TryTake(DateTimeOffset now, int perMinute, int perHour, int perDay)
        {
            var minute = now.ToUnixTimeSeconds() / 60;
            lock (_gate)
            {
                if (minute != _minute)
                {
                    _minute = minute;
                    _inMinute = 0;
                }
                if (minute / 60 != _hour)
                {
                    _hour = minute / 60;
                    _inHour = 0;
                }
                if (minute / 1440 != _day)
                {
                    _day = minute / 1440;
                    _inDay = 0;
                }
                if (_inMinute >= perMinute || _inHour >= perHour || _inDay >= perDay)
                {
                    return false;
                }
                _inMinute++;
                _inHour++;
                _inDay++;
                return true;
            }
        }
    }
}
