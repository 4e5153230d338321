namespace EditorialBot.CycleSampleRight;

internal static class Right
{
    public static string Label() => "right";

    public static int Length() => CycleSampleLeft.Left.Name().Length;
}
