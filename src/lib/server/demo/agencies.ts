// The demo bloc's agencies, shaped like Lâm Đồng's "Đảng bộ Khối các cơ quan tỉnh" before the
// 2025 reorganization: departments (Sở), boards (Ban), offices (Văn phòng), central agencies'
// provincial branches (Cục, Kho bạc), courts, schools and mass organizations. Lâm Đồng is an
// inland highland province: no seaport or sea-border units. Each agency appears once.
// Tables are "CODE | agency | subordinate cells separated by ';'" so they read as tables.

export interface Agency {
	/** Short ASCII code, unique within the bloc. */
	code: string;
	/** The agency itself ("Sở Tài chính"); the party unit is "Đảng bộ …" or "Chi bộ …" of it. */
	name: string;
	/** Subordinate cells of a đảng bộ cơ sở; empty for a chi bộ cơ sở. */
	cells: string[];
}

export const BLOC = { code: 'KCQ', name: 'Đảng bộ Khối các cơ quan tỉnh Lâm Đồng' };

/** The bloc's own staff form a chi bộ cơ sở; bloc-level officers are its members. */
export const BLOC_STAFF_CODE = 'CQDUK';

// 34 đảng bộ cơ sở with 216 subordinate cells between them. The first one holds the demo logins,
// and its second cell ("Phòng Ngân sách") is the demo secretary's cell.
export const COMMITTEES = table(`
STC | Sở Tài chính | Văn phòng Sở; Phòng Ngân sách; Thanh tra Sở; Phòng Tài chính hành chính sự nghiệp; Phòng Quản lý giá và Công sản; Phòng Tài chính doanh nghiệp; Phòng Tin học và Thống kê; Phòng Tài chính đầu tư
VPUB | Văn phòng Ủy ban nhân dân tỉnh | Phòng Hành chính - Tổ chức; Phòng Quản trị - Tài vụ; Phòng Tổng hợp; Phòng Kinh tế ngành; Phòng Khoa giáo - Văn xã; Phòng Nội chính; Trung tâm Thông tin - Công báo; Ban Tiếp công dân
SKHDT | Sở Kế hoạch và Đầu tư | Văn phòng Sở; Thanh tra Sở; Phòng Tổng hợp, Quy hoạch; Phòng Đăng ký kinh doanh; Phòng Thẩm định và Giám sát đầu tư
SNV | Sở Nội vụ | Văn phòng Sở; Thanh tra Sở; Phòng Tổ chức, Biên chế và Tổ chức phi chính phủ; Phòng Xây dựng chính quyền và Công tác thanh niên; Ban Thi đua - Khen thưởng; Ban Tôn giáo; Chi cục Văn thư - Lưu trữ
STP | Sở Tư pháp | Văn phòng Sở; Phòng Hành chính tư pháp; Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật; Trung tâm Trợ giúp pháp lý nhà nước
SCT | Sở Công Thương | Văn phòng Sở; Thanh tra Sở; Phòng Quản lý thương mại; Phòng Quản lý công nghiệp; Phòng Quản lý năng lượng; Trung tâm Khuyến công và Tư vấn phát triển công nghiệp
SNN | Sở Nông nghiệp và Phát triển nông thôn | Văn phòng Sở; Thanh tra Sở; Phòng Kế hoạch - Tài chính; Chi cục Kiểm lâm; Chi cục Thủy lợi; Chi cục Trồng trọt và Bảo vệ thực vật; Chi cục Chăn nuôi, Thú y và Thủy sản; Chi cục Quản lý chất lượng nông lâm sản; Chi cục Phát triển nông thôn; Trung tâm Khuyến nông; Trung tâm Nước sạch và Vệ sinh môi trường nông thôn; Ban Quản lý dự án Nông nghiệp
SGTVT | Sở Giao thông vận tải | Văn phòng Sở; Thanh tra Sở; Phòng Quản lý kết cấu hạ tầng giao thông; Phòng Quản lý vận tải, phương tiện và người lái; Phòng Kế hoạch - Tài chính; Trung tâm Đăng kiểm phương tiện giao thông; Ban Quản lý bảo trì đường bộ
SXD | Sở Xây dựng | Văn phòng Sở; Thanh tra Sở; Phòng Quản lý xây dựng; Phòng Quy hoạch - Kiến trúc; Trung tâm Giám định chất lượng xây dựng
STNMT | Sở Tài nguyên và Môi trường | Văn phòng Sở; Thanh tra Sở; Phòng Quản lý đất đai; Phòng Môi trường; Phòng Tài nguyên nước, Khoáng sản và Khí tượng thủy văn; Văn phòng Đăng ký đất đai; Trung tâm Quan trắc tài nguyên và môi trường; Trung tâm Phát triển quỹ đất; Trung tâm Công nghệ thông tin tài nguyên và môi trường
STTTT | Sở Thông tin và Truyền thông | Văn phòng Sở; Phòng Bưu chính, Viễn thông và Công nghệ thông tin; Phòng Thông tin - Báo chí - Xuất bản; Trung tâm Công nghệ thông tin và Truyền thông
SLDTBXH | Sở Lao động - Thương binh và Xã hội | Văn phòng Sở; Thanh tra Sở; Phòng Lao động - Việc làm - Giáo dục nghề nghiệp; Phòng Người có công; Phòng Bảo trợ xã hội; Trung tâm Dịch vụ việc làm; Trung tâm Bảo trợ xã hội; Trung tâm Điều dưỡng người có công
SVHTTDL | Sở Văn hóa, Thể thao và Du lịch | Văn phòng Sở; Thanh tra Sở; Phòng Kế hoạch - Tài chính; Phòng Quản lý văn hóa và Gia đình; Phòng Quản lý thể dục thể thao; Phòng Quản lý du lịch; Trung tâm Văn hóa - Điện ảnh; Trung tâm Huấn luyện và Thi đấu thể dục thể thao; Đoàn Nghệ thuật truyền thống; Ban Quản lý di tích
SKHCN | Sở Khoa học và Công nghệ | Văn phòng Sở; Phòng Quản lý khoa học; Chi cục Tiêu chuẩn - Đo lường - Chất lượng; Trung tâm Ứng dụng tiến bộ khoa học và công nghệ
SGDDT | Sở Giáo dục và Đào tạo | Văn phòng Sở; Thanh tra Sở; Phòng Giáo dục Mầm non; Phòng Giáo dục Tiểu học; Phòng Giáo dục Trung học; Phòng Giáo dục thường xuyên và Chuyên nghiệp; Phòng Khảo thí và Quản lý chất lượng giáo dục; Phòng Tổ chức cán bộ; Phòng Kế hoạch - Tài chính
SYT | Sở Y tế | Văn phòng Sở; Thanh tra Sở; Phòng Nghiệp vụ Y; Phòng Nghiệp vụ Dược; Phòng Kế hoạch - Tài chính; Chi cục Dân số - Kế hoạch hóa gia đình; Chi cục An toàn vệ sinh thực phẩm; Trung tâm Giám định y khoa; Trung tâm Pháp y; Trung tâm Kiểm nghiệm thuốc, mỹ phẩm, thực phẩm; Bệnh viện Y dược cổ truyền
TTT | Thanh tra tỉnh | Văn phòng; Phòng Nghiệp vụ 1; Phòng Nghiệp vụ 2; Phòng Phòng, chống tham nhũng
DPTTH | Đài Phát thanh và Truyền hình tỉnh | Phòng Tổ chức - Hành chính; Phòng Thời sự; Phòng Chuyên đề; Phòng Kỹ thuật - Công nghệ; Phòng Dịch vụ - Quảng cáo; Phòng Văn nghệ - Giải trí
TCT | Trường Chính trị tỉnh | Phòng Tổ chức - Hành chính; Phòng Quản lý đào tạo và Nghiên cứu khoa học; Khoa Lý luận cơ sở; Khoa Xây dựng Đảng; Khoa Nhà nước và Pháp luật
BHXH | Bảo hiểm xã hội tỉnh | Văn phòng; Phòng Quản lý thu - Sổ, thẻ; Phòng Chế độ bảo hiểm xã hội; Phòng Giám định bảo hiểm y tế; Phòng Kế hoạch - Tài chính; Phòng Công nghệ thông tin; Phòng Thanh tra - Kiểm tra
KBNN | Kho bạc Nhà nước tỉnh | Văn phòng; Phòng Kiểm soát chi; Phòng Kế toán nhà nước; Phòng Thanh tra - Kiểm tra; Phòng Tin học
CT | Cục Thuế tỉnh | Văn phòng; Phòng Tuyên truyền và Hỗ trợ người nộp thuế; Phòng Kê khai và Kế toán thuế; Phòng Quản lý nợ và Cưỡng chế nợ thuế; Phòng Thanh tra - Kiểm tra 1; Phòng Thanh tra - Kiểm tra 2; Phòng Nghiệp vụ - Dự toán - Pháp chế; Phòng Tổ chức cán bộ; Phòng Công nghệ thông tin; Phòng Quản lý hộ kinh doanh, cá nhân và thu khác
CTK | Cục Thống kê tỉnh | Phòng Tổ chức - Hành chính; Phòng Thống kê Kinh tế; Phòng Thống kê Xã hội
VQG | Vườn quốc gia Bidoup - Núi Bà | Phòng Tổ chức - Hành chính; Phòng Kế hoạch - Tài chính; Phòng Khoa học và Hợp tác quốc tế; Hạt Kiểm lâm; Trung tâm Giáo dục môi trường và Dịch vụ
NHNN | Ngân hàng Nhà nước Chi nhánh tỉnh | Phòng Tổng hợp - Hành chính nhân sự; Phòng Thanh tra, giám sát ngân hàng; Phòng Kế toán - Thanh toán
VKS | Viện Kiểm sát nhân dân tỉnh | Văn phòng; Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự; Phòng Kiểm sát xét xử phúc thẩm án hình sự; Phòng Kiểm sát giải quyết các vụ, việc dân sự; Phòng Kiểm sát thi hành án; Phòng Thanh tra - Khiếu tố
TAND | Tòa án nhân dân tỉnh | Văn phòng; Tòa Hình sự; Tòa Dân sự; Tòa Hành chính; Tòa Kinh tế; Phòng Giám đốc kiểm tra
THADS | Cục Thi hành án dân sự tỉnh | Văn phòng; Phòng Nghiệp vụ và Tổ chức thi hành án; Phòng Kiểm tra, Giải quyết khiếu nại, tố cáo; Phòng Tổ chức cán bộ
BQLKCN | Ban Quản lý các khu công nghiệp tỉnh | Văn phòng; Phòng Quản lý đầu tư; Phòng Quản lý doanh nghiệp; Phòng Quy hoạch - Xây dựng - Môi trường
CDYT | Trường Cao đẳng Y tế | Phòng Đào tạo; Phòng Tổ chức - Hành chính; Khoa Y; Khoa Điều dưỡng; Khoa Dược; Khoa Khoa học cơ bản
BVDK | Bệnh viện Đa khoa tỉnh | Phòng Kế hoạch tổng hợp; Phòng Tổ chức cán bộ; Phòng Điều dưỡng; Khoa Khám bệnh; Khoa Hồi sức tích cực - Chống độc; Khoa Nội tổng hợp; Khoa Ngoại tổng hợp; Khoa Sản; Khoa Nhi; Khoa Xét nghiệm; Khoa Chẩn đoán hình ảnh; Khoa Dược
BQLDA | Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh | Phòng Hành chính - Tổng hợp; Phòng Kế hoạch - Kỹ thuật; Phòng Tài chính - Kế toán
QLTT | Cục Quản lý thị trường tỉnh | Văn phòng; Phòng Nghiệp vụ - Tổng hợp; Đội Quản lý thị trường số 1; Đội Quản lý thị trường số 2; Đội Quản lý thị trường số 3
CDSP | Trường Cao đẳng Sư phạm | Phòng Đào tạo; Phòng Tổ chức - Hành chính; Khoa Giáo dục Tiểu học - Mầm non; Khoa Tự nhiên; Khoa Xã hội
`);

// 35 chi bộ cơ sở, the bloc's own staff first.
export const GRASSROOTS_CELLS = table(`
CQDUK | Cơ quan Đảng ủy Khối
BDT | Ban Dân tộc tỉnh
SNGV | Sở Ngoại vụ
MTTQ | Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
HLHPN | Hội Liên hiệp Phụ nữ tỉnh
TD | Tỉnh đoàn
HND | Hội Nông dân tỉnh
HCCB | Hội Cựu chiến binh tỉnh
LDLD | Liên đoàn Lao động tỉnh
LMHTX | Liên minh Hợp tác xã tỉnh
HCTD | Hội Chữ thập đỏ tỉnh
LHHKHKT | Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh
HVHNT | Hội Văn học Nghệ thuật tỉnh
HNB | Hội Nhà báo tỉnh
VPDDBQH | Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh
BQLDAGT | Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh
QDTPT | Quỹ Đầu tư phát triển tỉnh
TTXT | Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh
HLG | Hội Luật gia tỉnh
LHTCHN | Liên hiệp các Tổ chức hữu nghị tỉnh
BBVSK | Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh
QBVPTR | Quỹ Bảo vệ và Phát triển rừng tỉnh
HNM | Hội Người mù tỉnh
HDY | Hội Đông y tỉnh
TTHCC | Trung tâm Phục vụ hành chính công tỉnh
KDLTL | Ban Quản lý Khu du lịch quốc gia Hồ Tuyền Lâm
VPNTM | Văn phòng Điều phối nông thôn mới tỉnh
BATGT | Ban An toàn giao thông tỉnh
HKH | Hội Khuyến học tỉnh
HDC | Hội Nạn nhân chất độc da cam/dioxin tỉnh
BTT | Bảo tàng tỉnh
TVT | Thư viện tỉnh
CDC | Trung tâm Kiểm soát bệnh tật tỉnh
BAO | Báo tỉnh
QPTD | Quỹ Phát triển đất tỉnh
`);

function table(text: string): Agency[] {
	return text
		.normalize('NFC')
		.trim()
		.split('\n')
		.map((line) => {
			const [code, name, cells] = line.split(' | ');
			return { code, name, cells: cells ? cells.split('; ') : [] };
		});
}

// Head and deputy titles by the first words of a unit's name; the first match wins, so longer
// prefixes come first. Anything else (Trung tâm, Quỹ, Kho bạc, Đài, Bệnh viện, Vườn quốc gia …)
// has a Giám đốc.
const TITLES: [prefix: string, head: string, deputy: string][] = [
	['Sở ', 'Giám đốc Sở', 'Phó Giám đốc Sở'],
	['Cơ quan Đảng ủy Khối', 'Chánh Văn phòng Đảng ủy Khối', 'Phó Chánh Văn phòng Đảng ủy Khối'],
	['Văn phòng', 'Chánh Văn phòng', 'Phó Chánh Văn phòng'],
	['Thanh tra', 'Chánh Thanh tra', 'Phó Chánh Thanh tra'],
	['Phòng', 'Trưởng phòng', 'Phó Trưởng phòng'],
	['Chi cục', 'Chi cục trưởng', 'Phó Chi cục trưởng'],
	['Cục', 'Cục trưởng', 'Phó Cục trưởng'],
	['Khoa', 'Trưởng khoa', 'Phó Trưởng khoa'],
	['Tòa án', 'Chánh án', 'Phó Chánh án'],
	['Tòa', 'Chánh tòa', 'Phó Chánh tòa'],
	['Viện', 'Viện trưởng', 'Phó Viện trưởng'],
	['Trường', 'Hiệu trưởng', 'Phó Hiệu trưởng'],
	['Đội', 'Đội trưởng', 'Phó Đội trưởng'],
	['Đoàn', 'Trưởng đoàn', 'Phó Trưởng đoàn'],
	['Hạt', 'Hạt trưởng', 'Phó Hạt trưởng'],
	['Tỉnh đoàn', 'Bí thư Tỉnh đoàn', 'Phó Bí thư Tỉnh đoàn'],
	['Báo', 'Tổng Biên tập', 'Phó Tổng Biên tập'],
	['Ban Quản lý dự án', 'Giám đốc', 'Phó Giám đốc'],
	['Ban', 'Trưởng ban', 'Phó Trưởng ban'],
	['Hội', 'Chủ tịch Hội', 'Phó Chủ tịch Hội'],
	['Liên', 'Chủ tịch', 'Phó Chủ tịch'],
	['Ủy ban', 'Chủ tịch', 'Phó Chủ tịch']
];

export function leaderTitles(unitName: string): [head: string, deputy: string] {
	const found = TITLES.find(([prefix]) => unitName.startsWith(prefix));
	return found ? [found[1], found[2]] : ['Giám đốc', 'Phó Giám đốc'];
}

// Staff titles where they differ from a public office's; the default is weighted by repetition.
const DEFAULT_STAFF = ['Chuyên viên', 'Chuyên viên', 'Chuyên viên', 'Chuyên viên chính'];
const STAFF: Record<string, string[]> = {
	TTT: ['Thanh tra viên', 'Thanh tra viên', 'Thanh tra viên chính'],
	DPTTH: ['Biên tập viên', 'Phóng viên', 'Phóng viên', 'Kỹ thuật viên'],
	TCT: ['Giảng viên', 'Giảng viên', 'Giảng viên chính'],
	CDYT: ['Giảng viên', 'Giảng viên', 'Giảng viên chính'],
	CDSP: ['Giảng viên', 'Giảng viên', 'Giảng viên chính'],
	BVDK: ['Bác sĩ', 'Bác sĩ', 'Điều dưỡng', 'Dược sĩ', 'Kỹ thuật viên'],
	CT: ['Kiểm tra viên thuế', 'Kiểm tra viên thuế', 'Kiểm tra viên chính thuế'],
	VQG: ['Kiểm lâm viên', 'Kiểm lâm viên', 'Chuyên viên', 'Kỹ sư lâm nghiệp'],
	KBNN: ['Kiểm soát viên', 'Kế toán viên', 'Kế toán viên'],
	VKS: ['Kiểm sát viên', 'Kiểm sát viên', 'Kiểm tra viên'],
	TAND: ['Thẩm phán', 'Thư ký Tòa án', 'Thẩm tra viên'],
	THADS: ['Chấp hành viên', 'Thẩm tra viên', 'Thư ký thi hành án'],
	BAO: ['Phóng viên', 'Phóng viên', 'Biên tập viên']
};

export function staffTitles(agencyCode: string): string[] {
	return STAFF[agencyCode] ?? DEFAULT_STAFF;
}
