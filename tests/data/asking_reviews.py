"""Reviews labelled by whether they ask the writer for more (quire.insights.asking.asks_for_more).

Written for Quire in the voice of AO3, FFN and Wattpad commenters; none is copied from a real review.
Each entry is (text, asks). A review "asks for more" when it asks or urges this writer to go on with this
work: more chapters, an update, a sequel, or the reader saying they need or wait for what comes next.

Decisions on the borderline cases (the tests hold the recogniser to them):
- "Is this continued anywhere?", "Is there a sequel?", "will there be more?" ask: a reader looking for more
  of this work is the answer the writer's question hopes for.
- Wanting more OF SOMETHING ("I want more Jess in this", "more Luke scenes please") is a wish about content,
  not a request to continue, and does not count; "more of this" / "more of them" does.
- "Keep it up!" / "great job, keep up the good work" alone is praise that readers leave on finished works too,
  and does not count; "keep going", "keep writing", "don't stop here" do.
- "Subscribed!" alone does not count: the follow button already records it.
- Wanting more of the writer's OTHER work ("can't wait to read more of your stories") does not count.
- Negated asks ("please don't continue this trope", "no more Rory please", "I hope you don't update this")
  do not count. Sarcasm is out of scope; English only.

HELD_OUT was written first, before the recogniser existed, and has not been tuned against: the measured
figures on it are the honest ones. DEVELOPMENT was written afterwards and is the set the rules were tuned on.
"""

HELD_OUT = [
    # --- asking ---
    ("Please continue! I love Rory and Jess together so much", True),
    ("UPDATE SOON!!!!", True),
    ("more please :)", True),
    ("omg I need the next chapter like right now", True),
    ("This was so cute. Can't wait for the next chapter!", True),
    ("when is the next update??", True),
    ("pls update", True),
    ("MOAR", True),
    ("write more!!!", True),
    ("Honestly one of the best things I've read in this fandom. I hope you keep going with it.", True),
    ("Don't stop here, you can't leave them on the side of the road like that!", True),
    ("I need to know what happens next 😭😭😭", True),
    ("Keep it up, can't wait to see where this goes", True),
    ("pleaseeee update soooon", True),
    ("Moreeee", True),
    ("plz continue!!! this is so good", True),
    (
        "I was not expecting to cry over a Gilmore Girls fic at 2am but here we are. The way you wrote Jess "
        "finally saying it out loud, and Rory just staring at the dashboard... perfect. Please tell me "
        "there's more coming.",
        True,
    ),
    ("Is this continued anywhere? I'd read the whole road trip", True),
    ("Will there be a sequel?", True),
    ("Great start! Looking forward to the next chapter.", True),
    ("ud soon plz", True),
    ("I NEED MORE", True),
    ("Next chapter please!! 🙏", True),
    ("Ahhh cliffhanger!! You can't end it there! Update asap", True),
    (
        "Okay so I binged all nine chapters today instead of studying for my chem final and I regret nothing. "
        "Luke's reaction in chapter 7 had me screaming. Waiting impatiently for chapter 10!",
        True,
    ),
    ("You have to continue this, it's too good to leave", True),
    ("is there going to be more?? please say yes", True),
    ("Subscribed and waiting for the next one!", True),
    ("love love love. more soon?", True),
    ("I'm begging you for an update 🥺", True),
    ("This deserves so many more chapters. Please keep writing!", True),
    ("Really hope you continue this one, the premise is so fresh", True),
    ("When will chapter 3 be up?", True),
    ("AHHHH WHAT HAPPENS NEXT", True),
    ("i'm so hooked, cant wait 4 more", True),
    ("Beautiful writing as always. Can't wait to read what comes next.", True),
    ("give us more!!", True),
    ("Part 2 when??", True),
    ("I'd love to see more of this", True),
    ("excited to see where you take this!", True),
    (
        "Hi! Found this through the Literati tag and I'm so glad I did. Your characterisation of Lorelai is "
        "spot on, she's furious but you can tell she's scared too. Please update soon, I check every day now.",
        True,
    ),
    ("Are you still continuing this? I really hope so", True),
    ("Kudos and a comment because I need this to continue!", True),
    ("dying for the next chapter", True),
    ("Continue!!", True),
    # --- not asking ---
    ("I love how the story continues the canon instead of ignoring season 3.", False),
    ("The continuity errors bug me a bit, Rory had a car in chapter 1.", False),
    ("I could not continue reading after the warning, not my thing.", False),
    ("Please don't continue this trope, forced road trips are so overdone.", False),
    ("updated tags", False),
    ("Chapter 2 was more of the same, to be honest.", False),
    ("no more Rory please, she is so annoying in this", False),
    ("I want more Jess in this — but honestly the pacing is off", False),
    ("This was lovely, thank you for sharing it.", False),
    ("Beautifully written. The ending made me tear up.", False),
    ("The next chapter was even better than this one, wow.", False),
    ("I read the next chapter first by accident lol, still made sense", False),
    ("Thanks for the update! That scene with Luke was perfect.", False),
    ("Kudos!", False),
    ("I'm more of a Rory/Dean person but this was well done.", False),
    ("You continue to amaze me with how well you write Paris.", False),
    ("I stopped watching after season 4 so I don't know who Logan is, but this still worked for me.", False),
    ("The author's note says this is finished, which is a shame, but what an ending.", False),
    ("Saw you updated the summary, it fits much better now.", False),
    ("More than anything I loved the little details, like the coffee cups.", False),
    (
        "Concrit, since you asked: the dialogue is great but the tense keeps switching between past and "
        "present, and 'your ready' should be 'you're ready'. Otherwise a solid one-shot.",
        False,
    ),
    ("This is the fic I will reread whenever I need cheering up.", False),
    ("I need more fics like this in the fandom honestly", False),
    ("I can't wait to show this to my sister, she loves Jess.", False),
    ("Rory continuing to say no while clearly meaning yes is SO her.", False),
    ("The update schedule on your profile says Sundays, good to know.", False),
    ("ok this made me cry on the bus", False),
    ("Is Jess twenty here? The timeline confused me.", False),
    ("The next time Lorelai shows up I hope she's less harsh, she felt out of character.", False),
    ("I had to stop reading halfway, the smut isn't tagged.", False),
    ("Please tag the major character death, I was not prepared.", False),
    ("Great job, keep up the good work!", False),
    ("I don't need a sequel, this ending was perfect as it is.", False),
    ("What a way to end it. Complete and perfect.", False),
    ("Love your writing, can't wait to read more of your stories!", False),
    ("I was waiting for Jess to say it the whole chapter and it was worth it", False),
    ("Wow. Just wow.", False),
    ("This chapter had more dialogue than the last one and it works so well.", False),
    ("Reading this again before the next Gilmore rewatch.", False),
    ("I hope you don't update this, it's perfect as a oneshot.", False),
    ("Why did they continue the road trip after the car broke down? Seemed odd.", False),
    ("The more I think about the ending the more I love it.", False),
    ("I'll continue this tomorrow, it's 3am and I need sleep lol", False),
    ("Subscribed!", False),
    ("Your summary said 'review if it's worth continuing' and honestly I don't think it is, sorry.", False),
    ("Left kudos. The story's fine but I'm not a fan of the Rory/Jess ship.", False),
]

DEVELOPMENT = []
