namespace EditorialBot.CycleSampleLeft;

/// <summary>With <c>Right</c>, a cycle made only of calls inside method bodies: the cycle test checks that it sees it.</summary>
internal static class Left
{
    public static string Name() => "left of " + CycleSampleRight.Right.Label();
}
