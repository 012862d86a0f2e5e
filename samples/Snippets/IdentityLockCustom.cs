#region identity-lock-custom
using Pikumo.ImageGen.Specs;

IdentityLock mia = IdentityLock.Production.ToBuilder()
    .Describe("hair", "shoulder-length black hair with bangs")
    .Remove("distinguishing_marks")
    .DoNotMatch("accessories", "glasses and jewellery may change")
    .Build();
#endregion
