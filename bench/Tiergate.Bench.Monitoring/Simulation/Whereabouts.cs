namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>Where a user is at a moment: at home, at a trip's destination, or in transit (airport and flight: no requests).</summary>
internal static class Whereabouts
{
    public static readonly TimeSpan BeforeTakeOff = TimeSpan.FromHours(2);
    public static readonly TimeSpan AfterLanding = TimeSpan.FromHours(1);

    /// <summary>The city the user is in at <paramref name="at"/> (null while travelling) and the trip, if away.</summary>
    public static (City? City, Trip? Trip) At(User user, DateTime start, long at)
    {
        foreach (var trip in user.Trips)
        {
            var (outStart, outEnd, backStart, backEnd) = Flights(user, trip, start);
            if (at < outStart || at >= backEnd)
            {
                continue;
            }

            return at < outEnd || at >= backStart ? (null, trip) : (trip.Destination, trip);
        }

        return (user.Home, null);
    }

    /// <summary>The blackout intervals (UTC ticks) of the outbound and the return flight, airport time included.</summary>
    public static (long OutStart, long OutEnd, long BackStart, long BackEnd) Flights(User user, Trip trip, DateTime start)
    {
        var hours = Trip.FlightHours(user.Home, trip.Destination);
        var departOut = start.AddDays(trip.DepartDay).AddHours(trip.DepartHour - user.Home.UtcOffsetHours);
        var departBack = start.AddDays(trip.ReturnDay).AddHours(trip.DepartHour - trip.Destination.UtcOffsetHours);
        return ((departOut - BeforeTakeOff).Ticks, departOut.AddHours(hours).Add(AfterLanding).Ticks,
            (departBack - BeforeTakeOff).Ticks, departBack.AddHours(hours).Add(AfterLanding).Ticks);
    }
}
