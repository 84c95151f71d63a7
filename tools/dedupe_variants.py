#!/usr/bin/env python3
"""Writes the copies of each story of the near-duplicate set (tests/data/dedupe/stories/*/v1..v6.txt).

Each story's v0.txt is the agency text; v1..v6 are what other sites make of it. Character-level
differences (tashkeel, tatweel, Persian letters, hamza spellings, Arabic-Indic digits) are applied
with a fixed seed, the way another CMS or keyboard would leave them; the editorial ones (a new
headline, an added background paragraph, a reworded phrase, a dropped ending, another site's
boilerplate) come from the RECIPES below. Re-running the script rewrites the same files.

    tools/dedupe_variants.py            # rewrites tests/data/dedupe/stories/*/v[1-6].txt
"""
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "dedupe" / "stories"

HARAKAT = ["\u064E", "\u064F", "\u0650", "\u0652"]  # fatha, damma, kasra, sukun
SHADDA = "\u0651"
TATWEEL = "\u0640"
# Letters that never join the next one: tatweel cannot follow them.
NON_JOINING = set("اأإآٱدذرزوؤةىء")
ARABIC_LETTERS = set(chr(c) for c in range(0x0621, 0x064B))

BOILERPLATE = [
    (["خاص - شبكة الشرق الإخبارية"],
     ["تابعوا آخر الأخبار العاجلة عبر قناتنا على تلغرام وحساباتنا على منصات التواصل الاجتماعي."]),
    ([], ["المصدر: وكالات", "جميع الحقوق محفوظة لموقع الخبر اليوم © 2024"]),
    (["عاجل | متابعة"],
     ["اقرأ أيضاً: أسعار الخضار والفواكه في أسواق الجملة اليوم",
      "للاشتراك في النشرة البريدية اليومية أدخل بريدك الإلكتروني واضغط إرسال."]),
]

# Per story: another headline, a background paragraph a site adds, and small rewordings.
# Some stories also have a site's own lead (the first paragraph said in other words) and a
# sentence it cut: their v6 is the heaviest edit in the set.
RECIPES = {
    "s01-aleppo-bread": dict(
        lead='رفعت السلطات في حلب سعر ربطة الخبز المدعوم إلى 400 ليرة بعد أن كان 200 ليرة، وذلك للمرة الثانية منذ بداية أيلول، وفق ما أعلنته مديرية التجارة الداخلية وحماية المستهلك الأحد.',
        cut=' وقالت أم محمد، وهي أم لخمسة أطفال، إن عائلتها تحتاج إلى ثلاث ربطات يومياً على الأقل، وإن الزيادة الجديدة "تأكل ما تبقى من الراتب".',
        headline="حلب: ربطة الخبز المدعوم بـ400 ليرة بدءاً من اليوم",
        added="وكانت وزارة التجارة الداخلية قد رفعت في وقت سابق من العام سعر الخبز السياحي والكعك، كما خفضت مخصصات الطحين لعدد من المخابز الخاصة في الأرياف.",
        rewrite=[("صباح اليوم الأحد", "اليوم"), ("ازدحاماً شديداً", "ازدحاماً كبيراً")]),
    "s02-jordan-floods": dict(
        lead='تمكنت فرق الدفاع المدني في الأردن من إنقاذ 37 شخصاً، من بينهم 14 طفلاً، بعد أن حاصرتهم السيول الناجمة عن أمطار غزيرة هطلت لأكثر من ست ساعات على الأغوار الشمالية، بحسب ما أعلنت المديرية مساء الجمعة.',
        cut=' وأعيد فتح الطريق قرابة منتصف الليل بعد أن أزالت آليات وزارة الأشغال العامة الأنقاض.',
        headline="سيول الأغوار: إنقاذ 37 محاصراً بينهم أطفال",
        added="وتعد الأغوار الشمالية من أكثر المناطق عرضة للسيول في المملكة بسبب انخفاضها عن مستوى سطح البحر وتجمع مياه الأودية القادمة من مرتفعات عجلون وإربد فيها.",
        rewrite=[("مساء الجمعة", "مساء أمس الجمعة"), ("لساعات", "لعدة ساعات")]),
    "s03-lebanon-electricity": dict(
        lead='وافقت الحكومة اللبنانية الخميس على خطة طارئة لإنقاذ قطاع الكهرباء، تعد برفع التغذية إلى عشر ساعات في اليوم قبل حلول الصيف، بعد شهور من العتمة شبه الشاملة في أغلب المناطق.',
        cut='، حماية للعائلات ذات الدخل المحدود',
        headline="خطة طارئة للكهرباء في لبنان: فيول عراقي وتعرفة جديدة",
        added="ويعاني قطاع الكهرباء في لبنان من عجز مزمن كلف الخزينة أكثر من 40 مليار دولار منذ نهاية الحرب الأهلية، بحسب تقديرات البنك الدولي.",
        rewrite=[("نقاشاً حاداً", "نقاشاً مطولاً")]),
    "s04-cairo-metro": dict(
        lead='استقبلت المرحلة الثالثة من الخط الثالث لمترو القاهرة ركابها الأوائل صباح السبت، مع بدء التشغيل التجريبي للخط الذي يمتد 17.7 كيلومتر عبر 15 محطة من العتبة إلى إمبابة.',
        cut=' وقال أحد الركاب إن الرحلة من إمبابة إلى وسط البلد كانت تستغرق أكثر من ساعة بالحافلة في أوقات الذروة، "أما اليوم فقطعتها في أقل من عشرين دقيقة".',
        headline="مترو إمبابة يستقبل ركابه الأوائل",
        added="وكانت المرحلتان الأولى والثانية من الخط الثالث قد افتتحتا تباعاً خلال السنوات الماضية، وتربطان حي العباسية ومصر الجديدة بوسط القاهرة.",
        rewrite=[("عشرات الركاب", "العشرات من الركاب")]),
    "s05-morocco-harvest": dict(
        lead='قدرت وزارة الفلاحة المغربية محصول الحبوب هذا الموسم بنحو 31 مليون قنطار فقط، أي أقل بأكثر من 40 في المئة من محصول الموسم الماضي، جراء شح الأمطار وموجات الحر التي ضربت البلاد في الربيع.',
        cut='، في حين سجلت جهات الشمال مردودية مقبولة بفضل أمطار شهر مارس',
        headline="المغرب: 31 مليون قنطار فقط من الحبوب هذا الموسم",
        added="وكان المغرب قد سجل قبل ثلاث سنوات محصولاً قياسياً تجاوز 100 مليون قنطار بفضل موسم مطير استثنائي.",
        rewrite=[("في ندوة صحفية بالرباط", "خلال ندوة صحفية عقدها في الرباط")]),
    "s06-gaza-fuel": dict(
        lead='قالت منظمة الصحة العالمية الثلاثاء إن ما تبقى من مستشفيات عاملة في غزة قد يتوقف خلال يومين ما لم تصل إمدادات جديدة من الوقود، لافتة إلى أن مولدات ثلاثة مستشفيات كبرى تعمل بأقل من ربع قدرتها.',
        cut='، وإن الأطباء يجرون عمليات جراحية على ضوء الهواتف المحمولة في بعض الأحيان',
        headline="غزة: 48 ساعة قبل انطفاء المولدات في المستشفيات",
        added="وكانت المنظمة قد أعلنت الشهر الماضي أن قوافلها تعرضت لإطلاق نار خلال محاولتها الوصول إلى مستشفيات شمال القطاع، ما اضطرها إلى تعليق بعض مهامها مؤقتاً.",
        rewrite=[("اليوم الثلاثاء", "الثلاثاء")]),
    "s07-tunisia-strike": dict(
        lead='أغلقت معظم المدارس الابتدائية في تونس أبوابها الأربعاء، استجابة لدعوة الجامعة العامة للتعليم الأساسي إلى الإضراب، احتجاجاً على عدم تنفيذ وزارة التربية لاتفاقات سابقة بشأن الترقيات والمنح.',
        cut='، معتبراً أن ذلك "رسالة واضحة على حجم الغضب في صفوف المربين"',
        headline="تونس: نسبة المشاركة في إضراب التعليم الأساسي تتجاوز 90%",
        added="وكانت الجامعة العامة للتعليم الأساسي قد نفذت إضراباً مماثلاً في شهر نوفمبر الماضي، انتهى باتفاق جزئي مع الحكومة لم ينفذ منه سوى بند واحد.",
        rewrite=[("شللاً شبه تام", "شللاً شبه كامل")]),
    "s08-iraq-oil": dict(
        lead='سجلت صادرات النفط العراقية الشهر الماضي أعلى مستوى لها منذ عامين، إذ بلغت قرابة 105 ملايين برميل بمعدل 3.4 ملايين برميل يومياً، بحسب ما أعلنته وزارة النفط الاثنين.',
        cut='، مشيراً إلى أن الكميات المصدرة توزعت على 41 شركة عالمية',
        headline="105 ملايين برميل: العراق يرفع صادراته النفطية",
        added="ويملك العراق خامس أكبر احتياطي نفطي مؤكد في العالم، ويقدر بنحو 145 مليار برميل.",
        rewrite=[("اليوم الاثنين", "الاثنين")]),
    "s09-fasher-convoy": dict(
        headline="أول قافلة مساعدات تدخل الفاشر منذ ستة أسابيع",
        added="وكانت الأمم المتحدة قد حذرت الشهر الماضي من أن أكثر من 25 مليون سوداني يحتاجون إلى مساعدات إنسانية، أي أكثر من نصف سكان البلاد.",
        rewrite=[("أمس الخميس", "الخميس")]),
    "s10-saudi-visa": dict(
        headline="توسيع التأشيرة السياحية السعودية إلى 66 دولة",
        added="وكانت السعودية قد أطلقت التأشيرة السياحية لأول مرة في خريف 2019، قبل أن تعلق العمل بها مؤقتاً خلال جائحة كورونا.",
        rewrite=[("خلال دقائق", "في غضون دقائق")]),
    "s11-idlib-schools": dict(
        headline="إدلب: 34 مدرسة تفتح أبوابها بعد الترميم",
        added="وتسبب الزلزال في تضرر أكثر من 500 مدرسة في شمال غرب سوريا، خرج نحو ربعها عن الخدمة بشكل كامل، وفق تقديرات منظمات تعمل في قطاع التعليم.",
        rewrite=[("عاد نحو 12 ألف طالب وطالبة", "عاد قرابة 12 ألف طالب وطالبة")]),
    "s12-algeria-fires": dict(
        headline="حرائق شرق الجزائر: إخماد 23 حريقاً وتواصل الجهود في بجاية وجيجل",
        added="وتشهد الجزائر كل صيف موجة من حرائق الغابات تغذيها الحرارة المرتفعة والجفاف، وتتركز غالباً في الولايات الساحلية ذات الغطاء الغابي الكثيف.",
        rewrite=[("ليلة الثلاثاء إلى الأربعاء", "خلال ليلة الثلاثاء إلى الأربعاء")]),
    "s13-hodeidah-cholera": dict(
        headline="الكوليرا تعود إلى الحديدة: 17 وفاة و3140 حالة اشتباه",
        added="وتعاني المحافظة من انهيار شبه كامل لشبكات الصرف الصحي في عدد من المديريات، ويعتمد كثير من السكان على مياه الآبار غير المعالجة.",
        rewrite=[("من جهتها", "من ناحيتها")]),
    "s14-derna-bridges": dict(
        headline="درنة: حجر الأساس لأربعة جسور جديدة",
        added="وكانت لجنة أممية قد أوصت بعد الكارثة بإجراء مسح شامل لجميع السدود في ليبيا، بعد أن تبين أن سدي درنة لم يخضعا للصيانة منذ سنوات طويلة.",
        rewrite=[("خلال مراسم وضع حجر الأساس", "في كلمة خلال مراسم وضع حجر الأساس")]),
    "s15-kuwait-turnout": dict(
        headline="الكويت: 62% نسبة المشاركة وامرأة واحدة في البرلمان الجديد",
        added="ويبلغ عدد الناخبين المسجلين في الكويت نحو 835 ألف ناخب، وهو رقم ارتفع بعد اعتماد التسجيل التلقائي وفق عنوان السكن في البطاقة المدنية.",
        rewrite=[("جرت بسلاسة", "جرت بهدوء وسلاسة")]),
    "s16-arab-cup-final": dict(
        headline="أسود الأطلس أبطالاً للعرب بعد ريمونتادا أمام النشامى",
        added="وكان المنتخب المغربي قد بلغ النهائي بعد فوزه على منتخب قطر في نصف النهائي بركلات الترجيح، فيما تخطى الأردن نظيره العراقي بهدف نظيف.",
        rewrite=[("بعد مجهود فردي رائع", "بعد مجهود فردي مميز")]),
}


def read(path):
    text = path.read_text(encoding="utf-8").strip()
    title, _, body = text.partition("\n\n")
    return title.strip(), [p.strip() for p in body.split("\n\n") if p.strip()]


def write(path, title, paragraphs):
    path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def per_word(paragraphs, fn):
    return [" ".join(fn(w) for w in p.split(" ")) for p in paragraphs]


def tashkeel(rng, rate):
    def word(w):
        if rng.random() >= rate:
            return w
        out = []
        for i, c in enumerate(w):
            out.append(c)
            if c in ARABIC_LETTERS and c not in "اى":
                if i > 0 and rng.random() < 0.08:
                    out.append(SHADDA)
                out.append(rng.choice(HARAKAT))
        return "".join(out)
    return word


def tatweel(rng, rate):
    def word(w):
        if len(w) < 4 or rng.random() >= rate:
            return w
        spots = [i for i in range(1, len(w) - 1) if w[i] in ARABIC_LETTERS and w[i] not in NON_JOINING
                 and w[i + 1] in ARABIC_LETTERS]
        if not spots:
            return w
        i = rng.choice(spots)
        return w[:i + 1] + TATWEEL * rng.choice([1, 1, 2, 3]) + w[i + 1:]
    return word


def persian(w):
    w = w.replace("ي", "ی").replace("ك", "ک")
    return "ھ" + w[1:] if w.startswith("ه") else w


def hamza(w):
    # Other spellings of the same words: hamza on alef dropped, ؤ written on a yaa seat, final yaa
    # as alef maqsura and taa marbuta as haa in a few words.
    w = w.replace("ؤو", "ئو").replace("شؤون", "شئون")
    if w.startswith(("أ", "إ")):
        w = "ا" + w[1:]
    if w in ("على", "إلى", "حتى"):
        return w
    if w.endswith("ي") and len(w) > 3 and hash_of(w) % 3 == 0:
        w = w[:-1] + "ى"
    if w.endswith("ة") and hash_of(w) % 4 == 0:
        w = w[:-1] + "ه"
    return w


def hash_of(w):
    return sum(ord(c) for c in w)


def indic_digits(w):
    return w.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def rewrite(paragraphs, pairs):
    out = []
    for p in paragraphs:
        for old, new in pairs:
            p = p.replace(old, new)
        out.append(p)
    return out


def variants(name, title, paras, recipe, index):
    rng = random.Random(f"akhbar-dedupe-{name}")
    boiler = BOILERPLATE[index % len(BOILERPLATE)]
    other = BOILERPLATE[(index + 1) % len(BOILERPLATE)]
    out = {}
    # v1: another site's diacritics and spellings, same headline.
    out["v1"] = (title, per_word(per_word(paras, tashkeel(rng, 0.35)), hamza))
    # v2: its own headline, the last paragraph cut, tatweel.
    out["v2"] = (recipe["headline"], per_word(paras[:-1], tatweel(rng, 0.2)))
    # v3: wrapped in a site's boilerplate, typed on a Persian keyboard, Arabic-Indic digits.
    pre, post = boiler
    out["v3"] = (title, per_word(per_word(pre + paras + post, persian), indic_digits))
    # v4: a background paragraph added, a few words changed, hamza spellings.
    body = rewrite(paras, recipe["rewrite"])
    body = body[:3] + [recipe["added"]] + body[3:]
    out["v4"] = (title, per_word(body, hamza))
    if index % 2 == 0:
        # v5: only the first two thirds, under another headline, lightly vowelled.
        keep = max(2, (2 * len(paras) + 2) // 3)
        out["v5"] = (recipe["headline"], per_word(paras[:keep], tashkeel(rng, 0.15)))
    else:
        # v5: everything at once: paragraphs joined in pairs, the added paragraph, the other
        # site's boilerplate, Persian letters.
        joined = [" ".join(paras[i:i + 2]) for i in range(0, len(paras), 2)]
        pre, post = other
        body = pre + rewrite(joined, recipe["rewrite"]) + [recipe["added"]] + post
        out["v5"] = (recipe["headline"], per_word(body, persian))
    if "lead" in recipe:
        # v6: the site's own lead, a sentence cut, two paragraphs swapped, its own headline.
        body = [recipe["lead"]] + [p.replace(recipe["cut"], "") for p in paras[1:]]
        body[3], body[4] = body[4], body[3]
        out["v6"] = (recipe["headline"], body)
    return out


def main():
    for index, name in enumerate(sorted(RECIPES)):
        folder = ROOT / name
        title, paras = read(folder / "v0.txt")
        for vname, (t, p) in variants(name, title, paras, RECIPES[name], index).items():
            write(folder / f"{vname}.txt", t, p)


if __name__ == "__main__":
    main()
